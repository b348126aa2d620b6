package io.nootropic.context.chunk;

import java.util.List;
import java.util.Objects;

/// A piece of a source file: a declaration, a group of small ones, or a window of lines.
///
/// @param path      workspace-relative path with `/` separators
/// @param language  the file's language
/// @param startLine first line, 1-based
/// @param endLine   last line, inclusive
/// @param symbols   enclosing symbols (outermost first) followed by the symbols declared in the chunk
/// @param content   exactly the lines `startLine..endLine`, joined with `\n`
/// @param hash      hex SHA-256 of `content`
public record Chunk(String path, Language language, int startLine, int endLine, List<String> symbols,
    String content, String hash) {

  /// Checks the fields and copies the list.
  public Chunk {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(hash, "hash");
    if (startLine < 1 || endLine < startLine) {
      throw new IllegalArgumentException("bad line range " + startLine + "-" + endLine);
    }
    symbols = List.copyOf(symbols);
  }

  /// The number of lines.
  public int lineCount() {
    return endLine - startLine + 1;
  }
}
