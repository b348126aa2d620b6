package io.nootropic.runtime.journal;

import java.nio.file.Path;

/// Stored data failed its checksum or structure check somewhere other than a torn tail, so
/// truncating it would lose committed records. The store refuses to open.
public class JournalCorruptedException extends StoreException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;

  /// Creates the exception for a file and byte offset.
  public JournalCorruptedException(Path file, long offset, String what) {
    super("journal file " + file + " is corrupt at byte " + offset + ": " + what);
    this.file = file;
    this.offset = offset;
  }

  /// The damaged file.
  public Path file() {
    return file;
  }

  /// The byte offset of the damage.
  public long offset() {
    return offset;
  }
}
