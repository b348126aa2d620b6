package io.nootropic.api.retrieval;

import java.util.List;
import java.util.Objects;

/// One retrieved chunk of code with its place, score and the reasons it matched.
///
/// @param path      workspace-relative path with `/` separators
/// @param language  language name, e.g. `java`
/// @param startLine first line, 1-based
/// @param endLine   last line, inclusive
/// @param symbols   enclosing and declared symbol names, outermost first
/// @param content   the chunk's text (exactly lines `startLine..endLine`)
/// @param score     final score (BM25, cosine similarity or fused), higher is better
/// @param reasons   one entry per retriever that ranked this hit
/// @since 0.1
public record SearchHit(
    String path,
    String language,
    int startLine,
    int endLine,
    List<String> symbols,
    String content,
    double score,
    List<MatchReason> reasons) {

  /// Checks the fields and copies the lists.
  public SearchHit {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    language = language == null ? "" : language;
    if (startLine < 1 || endLine < startLine) {
      throw new IllegalArgumentException("bad line range " + startLine + "-" + endLine + " for " + path);
    }
    symbols = symbols == null ? List.of() : List.copyOf(symbols);
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }
}
