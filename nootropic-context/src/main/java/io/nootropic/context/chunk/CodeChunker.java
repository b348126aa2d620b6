package io.nootropic.context.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/// Splits source files into chunks at declarations: JavaParser for Java, a lexical brace scanner
/// for Kotlin, JavaScript/TypeScript, Go, Rust and C-family files, indentation for Python, and
/// overlapping line windows for everything else and for declarations too large to keep whole.
///
/// Chunks of a file cover every one of its lines; their ranges are valid and their content is
/// exactly those lines. Chunking never throws on any input text.
public final class CodeChunker {

  private final ChunkerConfig config;

  /// Creates a chunker.
  public CodeChunker(ChunkerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /// A chunker with [ChunkerConfig#ofDefaults()].
  public static CodeChunker ofDefaults() {
    return new CodeChunker(ChunkerConfig.ofDefaults());
  }

  /// The configuration.
  public ChunkerConfig config() {
    return config;
  }

  /// Chunks a file, finding its language from the path.
  public List<Chunk> chunk(String path, String text) {
    return chunk(path, Language.forPath(path), text);
  }

  /// Chunks a file in the given language.
  public List<Chunk> chunk(String path, Language language, String text) {
    return chunkFile(path, language, text).chunks();
  }

  /// Chunks a file and also lists the symbols it declares.
  public ChunkedFile chunkFile(String path, Language language, String text) {
    String source = config.stripJavadoc() && language == Language.JAVA ? JavadocStripper.strip(text) : text;
    String[] lines = Segmenter.lines(source);
    List<Decl> decls;
    try {
      decls = switch (language) {
        case JAVA -> JavaDecls.find(source);
        case PYTHON -> PythonDecls.find(lines);
        case TEXT -> List.of();
        default -> BraceDecls.find(source, language);
      };
      extendOverLeadingComments(decls, lines, 1);
    } catch (RuntimeException | StackOverflowError e) {
      decls = List.of();   // windows only: chunking must never fail
    }
    List<ChunkedFile.Definition> defs = new ArrayList<>();
    collect(decls, 0, defs);
    return new ChunkedFile(new Segmenter(config, path, language, lines).segment(decls), defs);
  }

  private static void collect(List<Decl> decls, int depth, List<ChunkedFile.Definition> out) {
    for (Decl d : decls) {
      out.add(new ChunkedFile.Definition(d.name(), d.start(), depth));
      collect(d.children(), depth + 1, out);
    }
  }

  private static void extendOverLeadingComments(List<Decl> siblings, String[] lines, int lowerBound) {
    int floor = lowerBound;
    for (Decl d : siblings) {
      int s = d.start();
      while (s - 1 >= floor && s - 1 >= 1 && isCommentOrAnnotation(lines[s - 2])) {
        s--;
      }
      setStart(d, s);
      extendOverLeadingComments(d.children(), lines, d.start() + 1);
      floor = d.end() + 1;
    }
  }

  private static void setStart(Decl d, int start) {
    if (start != d.start()) {
      Decl.moveStart(d, start);
    }
  }

  private static boolean isCommentOrAnnotation(String line) {
    String t = line.strip();
    return t.startsWith("//") || t.startsWith("/*") || t.startsWith("*") || t.startsWith("@") || t.startsWith("#[");
  }
}
