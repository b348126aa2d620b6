package io.nootropic.api.retrieval;

import io.nootropic.api.Describable;
import java.nio.file.Path;

/// Opens [Retriever]s over workspaces; found with [java.util.ServiceLoader].
///
/// @since 0.1
public interface RetrieverProvider extends Describable {

  /// The stable name of this provider, e.g. `lucene`.
  String name();

  /// Brings the workspace's index up to date (only changed files are re-read) and opens a
  /// point-in-time retriever over it.
  Retriever open(Path workspace);
}
