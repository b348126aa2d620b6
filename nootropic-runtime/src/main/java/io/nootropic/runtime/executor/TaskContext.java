package io.nootropic.runtime.executor;

import com.fasterxml.jackson.databind.JsonNode;
import io.nootropic.api.agent.CancellationToken;
import io.nootropic.api.task.TaskId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/// What a [TaskCapability] receives for one attempt.
///
/// @param runId             the run
/// @param taskId            the task
/// @param attempt           attempt number, from 1, counting restarts after a crash
/// @param idempotencyKey    the same for every attempt of this task in this run
/// @param inputs            the task's JSON inputs
/// @param dependencyResults results of the task's direct dependencies, in the order of its `deps`
/// @param cancellation      set when the task or run is cancelled or the attempt timed out
public record TaskContext(
    String runId,
    TaskId taskId,
    int attempt,
    String idempotencyKey,
    JsonNode inputs,
    Map<TaskId, JsonNode> dependencyResults,
    CancellationToken cancellation) {

  /// Checks the fields and copies the map.
  public TaskContext {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(inputs, "inputs");
    dependencyResults = Collections.unmodifiableMap(new LinkedHashMap<>(dependencyResults));
    cancellation = cancellation == null ? CancellationToken.NONE : cancellation;
  }
}
