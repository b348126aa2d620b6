package io.nootropic.api.task;

/// The life cycle of a task in the graph.
public enum TaskStatus {
  /// Waiting for dependencies.
  PENDING,
  /// All dependencies succeeded; may run.
  READY,
  /// Running now.
  RUNNING,
  /// Finished with a result.
  SUCCEEDED,
  /// Finished with an error after its retries.
  FAILED,
  /// Stopped on request.
  CANCELLED,
  /// Not run because a dependency failed or was cancelled.
  SKIPPED;

  /// Whether the task will not change status again.
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == SKIPPED;
  }
}
