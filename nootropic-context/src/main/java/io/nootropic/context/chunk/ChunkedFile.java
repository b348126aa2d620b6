package io.nootropic.context.chunk;

import java.util.List;

/// The chunks of one file and the symbols it declares.
///
/// @param chunks      the chunks, in line order
/// @param definitions declared symbols in source order
public record ChunkedFile(List<Chunk> chunks, List<Definition> definitions) {

  /// Copies the lists.
  public ChunkedFile {
    chunks = List.copyOf(chunks);
    definitions = List.copyOf(definitions);
  }

  /// A declared symbol.
  ///
  /// @param name  its simple name
  /// @param line  its first line (including leading comments)
  /// @param depth nesting depth, 0 for top level
  public record Definition(String name, int line, int depth) { }
}
