package io.nootropic.api.retrieval;

import java.util.Objects;

/// A retrieval request.
///
/// @param text    what to look for, in natural language or code words
/// @param k       how many hits at most, at least 1
/// @param mode    which retriever answers
/// @param filters restrictions on path, language and symbol
/// @since 0.1
public record SearchQuery(String text, int k, SearchMode mode, SearchFilters filters) {

  /// Checks the fields.
  public SearchQuery {
    Objects.requireNonNull(text, "text");
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, was " + k);
    }
    mode = mode == null ? SearchMode.HYBRID : mode;
    filters = filters == null ? SearchFilters.NONE : filters;
  }

  /// A hybrid query without filters.
  public static SearchQuery of(String text, int k) {
    return new SearchQuery(text, k, SearchMode.HYBRID, SearchFilters.NONE);
  }

  /// A query in the given mode without filters.
  public static SearchQuery of(String text, int k, SearchMode mode) {
    return new SearchQuery(text, k, mode, SearchFilters.NONE);
  }
}
