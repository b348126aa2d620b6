package io.nootropic.runtime.task;

import io.nootropic.api.task.TaskId;
import java.util.List;

/// What a plan change did.
///
/// @param added    tasks the patch added
/// @param changed  existing tasks whose specification changed
/// @param removed  tasks the patch removed
/// @param impacted tasks re-scheduled: added, changed and everything downstream of them; every other
///                 task kept its state and result
public record PatchResult(List<TaskId> added, List<TaskId> changed, List<TaskId> removed, List<TaskId> impacted) {

  /// Copies the lists.
  public PatchResult {
    added = List.copyOf(added);
    changed = List.copyOf(changed);
    removed = List.copyOf(removed);
    impacted = List.copyOf(impacted);
  }
}
