package io.nootropic.context.chunk;

/// Sizes for [CodeChunker].
///
/// @param maxLines     a declaration longer than this is split into its members, then into windows
/// @param maxChars     a chunk longer than this (in characters) is split into windows too
/// @param windowLines  lines per fallback window
/// @param overlapLines lines shared by consecutive windows (less than `windowLines`)
/// @param stripJavadoc blank out Javadoc comments (`/** ... */`) before chunking, keeping line
///                     numbers (used by the docstring-to-code evaluation)
public record ChunkerConfig(int maxLines, int maxChars, int windowLines, int overlapLines, boolean stripJavadoc) {

  /// Checks the fields.
  public ChunkerConfig {
    if (maxLines < 1 || windowLines < 1 || maxChars < 16) {
      throw new IllegalArgumentException("maxLines and windowLines must be positive and maxChars at least 16");
    }
    if (overlapLines < 0 || overlapLines >= windowLines) {
      throw new IllegalArgumentException("overlapLines must be in [0, windowLines), was " + overlapLines);
    }
  }

  /// Defaults: declarations up to 80 lines / 4000 chars, 50-line windows overlapping by 10.
  public static ChunkerConfig ofDefaults() {
    return new ChunkerConfig(80, 4000, 50, 10, false);
  }

  /// A copy that blanks Javadoc comments.
  public ChunkerConfig withStripJavadoc(boolean strip) {
    return new ChunkerConfig(maxLines, maxChars, windowLines, overlapLines, strip);
  }
}
