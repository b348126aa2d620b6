package io.nootropic.api.retrieval;

import java.util.Locale;

/// Which retriever answers a [SearchQuery].
///
/// @since 0.1
public enum SearchMode {
  /// Lexical BM25 over code-aware tokens.
  BM25,
  /// Nearest neighbours of the query's embedding.
  DENSE,
  /// BM25 and dense lists fused by reciprocal rank.
  HYBRID;

  /// The stable lower-case name used in JSON and on the command line.
  public String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /// Looks a mode up by name, ignoring case.
  ///
  /// @throws IllegalArgumentException naming the accepted values when `name` is unknown
  public static SearchMode forName(String name) {
    for (SearchMode m : values()) {
      if (m.name().equalsIgnoreCase(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown search mode '" + name + "'; expected one of bm25, dense, hybrid");
  }
}
