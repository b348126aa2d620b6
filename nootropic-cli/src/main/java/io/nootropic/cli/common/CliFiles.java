package io.nootropic.cli.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/// Checks the files named on the command line up front, so a missing file or a directory gives a
/// one-line error that says which (the JDK's own exceptions carry only the path or "Is a directory").
public final class CliFiles {

  private CliFiles() {}

  /// Returns `file` when it is a readable regular file, else throws an [IOException] whose message
  /// names the option (`what`), the path and what is wrong with it.
  public static Path requireFile(Path file, String what) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException(what + " is a directory, not a file: " + file);
    }
    if (!Files.exists(file)) {
      throw new IOException(what + ": no such file: " + file);
    }
    if (!Files.isReadable(file)) {
      throw new IOException(what + " is not readable: " + file);
    }
    return file;
  }

  /// Returns `path` when it exists (file or directory), else throws an [IOException] naming it.
  public static Path requireExisting(Path path, String what) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException(what + ": no such file or directory: " + path);
    }
    return path;
  }
}
