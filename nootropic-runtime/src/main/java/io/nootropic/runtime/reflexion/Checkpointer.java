package io.nootropic.runtime.reflexion;

/// Saves and restores the state a step works on (a workspace, a file set), so that a repair can
/// roll back to the last good checkpoint.
public interface Checkpointer {

  /// Keeps nothing; rolling back does nothing.
  Checkpointer NONE = new Checkpointer() {
    @Override
    public String save() {
      return "none";
    }

    @Override
    public void restore(String checkpointId) { }
  };

  /// Saves the current state and returns its id.
  String save();

  /// Restores the state saved under `checkpointId`.
  void restore(String checkpointId);
}
