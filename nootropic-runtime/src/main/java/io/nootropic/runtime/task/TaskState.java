package io.nootropic.runtime.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import java.time.Duration;
import java.util.Objects;

/// A task as it stands: its specification and what happened to it so far.
///
/// @param spec     the specification
/// @param status   life-cycle status
/// @param attempts attempts started so far
/// @param failures attempts that failed (interrupted attempts do not count); the retry budget
/// @param result   output of the successful attempt, `null` until then
/// @param error    last error or skip/cancel cause, `null` when none
/// @param actual   measured duration of the finished attempt, `null` until then
public record TaskState(
    TaskSpec spec, TaskStatus status, int attempts, int failures, JsonNode result, String error, Duration actual) {

  /// Checks the fields.
  public TaskState {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(status, "status");
  }

  /// A copy with another status and detail, other fields kept.
  public TaskState with(TaskStatus newStatus, String newError) {
    return new TaskState(spec, newStatus, attempts, failures, result, newError, actual);
  }

  /// The task id.
  public TaskId id() {
    return spec.id();
  }

  /// The idempotency key handed to every attempt of this task in run `runId`: stable across
  /// attempts and restarts, so a side effect can be made once.
  public static String idempotencyKey(String runId, TaskId id) {
    return runId + "/" + id.value();
  }
}
