package io.nootropic.runtime.task;

import io.nootropic.api.event.Event;
import io.nootropic.api.task.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/// A task on the critical path has been running longer than its estimate times the guard rail's
/// drift factor; topic `task.drift`.
///
/// @param timestamp when the drift was noticed
/// @param runId     the run
/// @param taskId    the task
/// @param estimate  its estimated duration
/// @param elapsed   how long it has been running
/// @param factor    the configured factor
public record DriftEvent(
    Instant timestamp, String runId, TaskId taskId, Duration estimate, Duration elapsed, double factor)
    implements Event {

  /// The topic of drift events.
  public static final String TOPIC = "task.drift";

  /// Checks the fields.
  public DriftEvent {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  @Override
  public String topic() {
    return TOPIC;
  }
}
