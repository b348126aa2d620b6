package io.nootropic.runtime.task;

import io.nootropic.api.task.TaskId;

/// Critical-path-method figures of one task, in milliseconds from the start of the run.
///
/// @param id       the task
/// @param duration duration used: the actual one once finished, else the estimate (0 if skipped)
/// @param es       earliest start
/// @param ef       earliest finish
/// @param ls       latest start that does not delay the run
/// @param lf       latest finish that does not delay the run
/// @param slack    `ls - es`: how long the task may slip without delaying the run
public record TaskTiming(TaskId id, long duration, long es, long ef, long ls, long lf, long slack) {

  /// Whether the task is on a critical path (no slack).
  public boolean critical() {
    return slack == 0;
  }
}
