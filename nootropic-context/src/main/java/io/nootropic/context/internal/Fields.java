package io.nootropic.context.internal;

/// Field names and commit keys of the workspace index.
public final class Fields {
  private Fields() { }

  /// `chunk` or `file`.
  public static final String KIND = "kind";
  /// Workspace-relative path, exact (deletes, glob filters).
  public static final String PATH = "path";
  /// Path, analyzed.
  public static final String PATH_TEXT = "path_text";
  /// Language name.
  public static final String LANG = "lang";
  /// Symbols, analyzed and stored (space separated).
  public static final String SYMBOLS = "symbols";
  /// Symbols, exact and lower-cased (filters).
  public static final String SYMBOL_KEY = "symbol_key";
  /// Chunk text, analyzed and stored.
  public static final String CONTENT = "content";
  /// First line.
  public static final String START = "start";
  /// Last line.
  public static final String END = "end";
  /// Chunk content hash.
  public static final String CHUNK_HASH = "chunk_hash";
  /// File content hash (file documents).
  public static final String FILE_HASH = "file_hash";
  /// Definitions, `name\tline\tdepth` per line (file documents).
  public static final String DEFS = "defs";
  /// Identifiers the file mentions, space separated (file documents).
  public static final String REFS = "refs";
  /// The embedding.
  public static final String VECTOR = "vec";

  /// Commit key: schema version.
  public static final String COMMIT_SCHEMA = "nootropic.schema";
  /// Commit key: embedding model name or `none`.
  public static final String COMMIT_EMBEDDING = "nootropic.embedding";
  /// Commit key: chunker settings.
  public static final String COMMIT_CHUNKER = "nootropic.chunker";
  /// The schema version written by this code.
  public static final String SCHEMA = "1";
}
