package io.nootropic.agents.checkpoint;

import java.io.IOException;
import java.util.List;

/// Where [Checkpoints] keeps saved file contents.
sealed interface ObjectStore permits GitObjectStore, FileObjectStore {

  /// `git` or `copies`.
  String kind();

  /// Saves `content` and returns its id.
  String save(byte[] content) throws IOException;

  /// The content saved under `id`.
  ///
  /// @throws CheckpointException when it is gone or damaged
  byte[] load(String id);

  /// Keeps `ids` from being collected (git: a private ref); the others may go.
  default void anchor(List<String> ids) throws IOException { }
}
