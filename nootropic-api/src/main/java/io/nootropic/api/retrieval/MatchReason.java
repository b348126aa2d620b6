package io.nootropic.api.retrieval;

import java.util.List;
import java.util.Objects;

/// Why a hit was returned: which retriever ranked it, where, and on which fields.
///
/// @param retriever `bm25` or `dense`
/// @param rank      1-based rank of the hit in that retriever's list
/// @param score     that retriever's raw score
/// @param fields    the indexed fields that matched (e.g. `content`, `symbols`, `path`); for dense, `vector`
/// @since 0.1
public record MatchReason(String retriever, int rank, double score, List<String> fields) {

  /// Checks the fields and copies the list.
  public MatchReason {
    Objects.requireNonNull(retriever, "retriever");
    fields = fields == null ? List.of() : List.copyOf(fields);
  }
}
