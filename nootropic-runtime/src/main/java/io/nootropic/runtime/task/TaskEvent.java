package io.nootropic.runtime.task;

import io.nootropic.api.event.Event;
import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import java.time.Instant;
import java.util.Objects;

/// A task changed status. Topics: `task.started`, `task.succeeded`, `task.attempt-failed`,
/// `task.failed`, `task.cancelled`, `task.skipped`, `task.interrupted`, `task.ready`,
/// `task.estimated`.
///
/// @param topic     the topic
/// @param timestamp when the change was journaled
/// @param runId     the run
/// @param taskId    the task
/// @param status    the task's status after the change
/// @param attempt   attempts started so far
/// @param detail    error, cause or other detail; empty when none
public record TaskEvent(
    String topic, Instant timestamp, String runId, TaskId taskId, TaskStatus status, int attempt, String detail)
    implements Event {

  /// Checks the fields.
  public TaskEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(status, "status");
    detail = detail == null ? "" : detail;
  }
}
