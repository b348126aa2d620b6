package io.nootropic.api.retrieval;

/// Restricts a search; a `null` field means no restriction.
///
/// @param pathGlob glob over the workspace-relative path with `/` separators (`*` stays within one
///                 folder, `**` crosses folders, `?` is one character), e.g. `src/**/*.java`
/// @param language language name as chunks report it, e.g. `java`, `python`
/// @param symbol   name of a symbol the chunk declares or sits in, compared ignoring case
/// @since 0.1
public record SearchFilters(String pathGlob, String language, String symbol) {

  /// No restriction.
  public static final SearchFilters NONE = new SearchFilters(null, null, null);

  /// Normalises blank values to `null`.
  public SearchFilters {
    pathGlob = blankToNull(pathGlob);
    language = blankToNull(language);
    symbol = blankToNull(symbol);
  }

  /// Whether this restricts nothing.
  public boolean isEmpty() {
    return pathGlob == null && language == null && symbol == null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
