package io.nootropic.runtime.task;

import io.nootropic.api.task.TaskId;
import java.util.Objects;

/// One started attempt of a task, as journaled.
///
/// @param runId          the run
/// @param taskId         the task
/// @param attempt        1 for the first attempt, counting restarts after a crash
/// @param idempotencyKey stable across attempts and restarts: a side effect keyed by it happens once
public record TaskAttempt(String runId, TaskId taskId, int attempt, String idempotencyKey) {

  /// Checks the fields.
  public TaskAttempt {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }
}
