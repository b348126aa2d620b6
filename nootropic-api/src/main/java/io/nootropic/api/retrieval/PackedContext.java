package io.nootropic.api.retrieval;

import java.util.List;
import java.util.Objects;

/// Chunks packed into prompt text that fits a token budget.
///
/// @param text     the rendered context: per file a header with path and line range, then the code
/// @param tokens   tokens `text` occupies under the counter used to pack it
/// @param included the hits that made it in, in the order they were offered
/// @since 0.1
public record PackedContext(String text, int tokens, List<SearchHit> included) {

  /// Checks the fields and copies the list.
  public PackedContext {
    Objects.requireNonNull(text, "text");
    included = included == null ? List.of() : List.copyOf(included);
  }
}
