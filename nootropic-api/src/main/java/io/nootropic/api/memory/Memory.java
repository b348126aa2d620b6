package io.nootropic.api.memory;

import java.util.List;

/// Stores episodes and recalls the ones most similar to a new goal.
public interface Memory {

  /// A memory that remembers nothing.
  Memory NONE = new Memory() {
    @Override
    public void store(Episode episode) { }

    @Override
    public List<Episode> recall(String goal, int k) {
      return List.of();
    }
  };

  /// Stores an episode durably.
  void store(Episode episode);

  /// Returns up to `k` past episodes most similar to `goal`, best first.
  List<Episode> recall(String goal, int k);
}
