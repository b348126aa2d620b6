package io.nootropic.runtime.executor;

import com.fasterxml.jackson.databind.JsonNode;

/// Something a task can run: the executable side of a capability.
///
/// Execution is at-least-once: after a crash an attempt may run again, with the same
/// [TaskContext#idempotencyKey()], so a side effect keyed by it can be made exactly once.
/// Implementations should poll [TaskContext#cancellation()] or respond to interruption.
///
/// @since 0.1
@FunctionalInterface
public interface TaskCapability {

  /// Runs one attempt and returns its result (any JSON value).
  ///
  /// @throws NonRetryableTaskException to fail the task without further retries
  /// @throws Exception any other failure, retried per the task's policy
  JsonNode execute(TaskContext context) throws Exception;
}
