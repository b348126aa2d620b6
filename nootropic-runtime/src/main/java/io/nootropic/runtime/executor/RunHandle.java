package io.nootropic.runtime.executor;

import io.nootropic.api.task.TaskId;
import java.time.Duration;
import java.util.Optional;

/// A run in progress.
public interface RunHandle {

  /// The run id.
  String runId();

  /// Cancels the whole run: running attempts are interrupted, every unfinished task is cancelled.
  void cancel();

  /// Cancels one task (interrupting it if running); its dependants are skipped.
  ///
  /// @return whether the task was unfinished and is now cancelled
  boolean cancel(TaskId task);

  /// Waits for the run to end.
  RunResult await() throws InterruptedException;

  /// Waits at most `timeout` for the run to end.
  Optional<RunResult> await(Duration timeout) throws InterruptedException;

  /// Whether the run ended.
  boolean isDone();
}
