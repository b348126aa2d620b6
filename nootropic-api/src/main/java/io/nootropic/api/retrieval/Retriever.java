package io.nootropic.api.retrieval;

import io.nootropic.api.model.TokenCounter;
import java.util.List;

/// Finds and packs code from one workspace for a prompt.
///
/// A retriever is a point-in-time view: results do not change under it while it is open, even if
/// the workspace is re-indexed meanwhile. Close it to release the view.
///
/// @since 0.1
public interface Retriever extends AutoCloseable {

  /// Returns up to `query.k()` hits, best first.
  List<SearchHit> search(SearchQuery query);

  /// Packs the best of `hits` (in the given order of preference) into text that never exceeds
  /// `tokenBudget` under `counter`, merging adjacent chunks of one file under one header.
  PackedContext hydrate(List<SearchHit> hits, int tokenBudget, TokenCounter counter);

  /// Renders the workspace's files and their most referenced symbols within `tokenBudget`.
  String repoMap(int tokenBudget, TokenCounter counter);

  /// Releases the view.
  @Override
  void close();
}
