package io.nootropic.runtime.task;

import io.nootropic.api.NootropicException;
import io.nootropic.api.task.TaskId;
import java.util.List;
import java.util.Objects;

/// A change to a task graph was refused; [#kind()] says why and [#tasks()] names the tasks
/// involved (for a cycle, its path, first task repeated at the end).
public class TaskGraphException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Why a change was refused.
  public enum Kind {
    /// The change would close a cycle.
    CYCLE,
    /// A task depends on a task that does not exist.
    MISSING_DEPENDENCY,
    /// Two tasks share an id.
    DUPLICATE_ID,
    /// The task or run is not in the graph.
    UNKNOWN_TASK,
    /// A task specification or patch does not follow the schema.
    INVALID_SPEC,
    /// The change would modify a task that already finished or is running.
    FINISHED_TASK,
    /// The task is not in a state that allows the transition.
    ILLEGAL_TRANSITION
  }

  private final Kind kind;
  private final transient List<TaskId> tasks;

  /// Creates the exception.
  public TaskGraphException(Kind kind, List<TaskId> tasks, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.tasks = List.copyOf(tasks);
  }

  /// Why the change was refused.
  public Kind kind() {
    return kind;
  }

  /// The tasks involved, in a meaningful order (the path for a cycle).
  public List<TaskId> tasks() {
    return tasks == null ? List.of() : tasks;
  }
}
