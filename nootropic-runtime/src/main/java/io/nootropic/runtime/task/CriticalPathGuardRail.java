package io.nootropic.runtime.task;

import io.nootropic.api.event.EventSink;
import io.nootropic.api.task.TaskId;
import io.nootropic.runtime.task.TaskGraphException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/// Keeps execution on the plan: only tasks of the run's DAG may execute, tasks on the critical
/// path are flagged (the executor marks their spans `nootropic.critical_path=true`), and a
/// critical task running longer than its estimate times [#driftFactor()] raises a [DriftEvent].
public final class CriticalPathGuardRail {

  /// Span attribute set on spans of critical-path tasks.
  public static final String CRITICAL_PATH_ATTRIBUTE = "nootropic.critical_path";

  /// What the guard rail knows about a task cleared to execute.
  ///
  /// @param runId      the run
  /// @param taskId     the task
  /// @param critical   whether it is on the critical path now
  /// @param estimate   its estimated duration
  /// @param driftAfter when running past this, a critical task drifts; `null` when not critical or
  ///                   estimated at zero
  public record Admission(String runId, TaskId taskId, boolean critical, Duration estimate, Duration driftAfter) {}

  private final TaskGraphService graphs;
  private final double driftFactor;
  private final EventSink events;
  private final Clock clock;

  /// Creates a guard rail over `graphs` that publishes drift to `events`.
  ///
  /// @param driftFactor how far past its estimate a critical task may run before drifting, > 0
  public CriticalPathGuardRail(TaskGraphService graphs, double driftFactor, EventSink events, Clock clock) {
    this.graphs = Objects.requireNonNull(graphs, "graphs");
    if (!(driftFactor > 0) || Double.isInfinite(driftFactor)) {
      throw new IllegalArgumentException("driftFactor must be a finite number > 0, was " + driftFactor);
    }
    this.driftFactor = driftFactor;
    this.events = events == null ? EventSink.NONE : events;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /// The configured drift factor.
  public double driftFactor() {
    return driftFactor;
  }

  /// Clears a task for execution.
  ///
  /// @throws TaskGraphException of kind [Kind#UNKNOWN_TASK] when the run or the task is not in the
  ///     DAG: nothing outside the plan executes
  public Admission admit(String runId, TaskId taskId) {
    Objects.requireNonNull(taskId, "taskId");
    if (!graphs.hasRun(runId)) {
      throw new TaskGraphException(Kind.UNKNOWN_TASK, List.of(taskId),
          "refused: run '" + runId + "' is not in the task store, so task " + taskId + " may not execute");
    }
    TaskState state;
    boolean critical;
    try {
      state = graphs.state(runId, taskId);
      critical = graphs.isCritical(runId, taskId);
    } catch (TaskGraphException e) {
      throw new TaskGraphException(Kind.UNKNOWN_TASK, List.of(taskId),
          "refused: task " + taskId + " is not in the DAG of run '" + runId + "'");
    }
    Duration estimate = state.spec().estimate().duration();
    Duration driftAfter = critical && !estimate.isZero()
        ? Duration.ofNanos((long) (estimate.toNanos() * driftFactor))
        : null;
    return new Admission(runId, taskId, critical, estimate, driftAfter);
  }

  /// Publishes a [DriftEvent] when an admitted critical task has run past its drift threshold.
  ///
  /// @return whether a drift event was published
  public boolean checkDrift(Admission admission, Duration elapsed) {
    if (admission.driftAfter() == null || elapsed.compareTo(admission.driftAfter()) <= 0) {
      return false;
    }
    events.publish(new DriftEvent(clock.instant(), admission.runId(), admission.taskId(), admission.estimate(),
        elapsed, driftFactor));
    return true;
  }
}
