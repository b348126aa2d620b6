package io.nootropic.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/// Writes a file that a user named (an export, a model, a report) the way command-line tools do.
///
/// - A regular file is replaced atomically: the content goes to a temporary file beside it, which
///   is then moved over it, so a reader never sees half a file and a failed write leaves the old
///   one intact. An existing file keeps its permissions; a new one gets the process umask's
///   (a temporary file of the JDK would be private, `0600`).
/// - A symbolic link is never replaced: the file it points to is written, the link stays.
/// - A device, a pipe or a terminal (`/dev/stdout`, `/dev/null`, a FIFO) is written in place:
///   it cannot be replaced, and it must not be.
///
/// @since 0.1
public final class OutputFiles {

  private OutputFiles() {}

  /// What writes the content.
  @FunctionalInterface
  public interface Body {
    /// Writes everything to `out`; the stream is closed by the caller.
    void writeTo(OutputStream out) throws IOException;
  }

  /// Writes `body` to `target` as described above, creating missing parent folders of a new
  /// regular file.
  ///
  /// @throws IOException when it cannot be written; an existing regular file is then unchanged
  public static void write(Path target, Body body) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(body, "body");
    Path path = target.toAbsolutePath();
    if (Files.isSymbolicLink(path)) {
      path = path.toRealPath(); // write where the link points; a dangling link fails here, naming it
    }
    if (Files.exists(path) && !Files.isRegularFile(path)) {
      if (Files.isDirectory(path)) {
        throw new IOException(target + " is a directory, not a file");
      }
      try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE)) { // device, pipe, terminal
        body.writeTo(out);
      }
      return;
    }
    Path dir = path.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = temporaryBeside(path);
    boolean done = false;
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        body.writeTo(out);
      }
      copyPermissions(path, tmp);
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /// Writes `text` as UTF-8 to `target` (see [#write(Path, Body)]).
  ///
  /// @throws IOException when it cannot be written
  public static void writeString(Path target, String text) throws IOException {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    write(target, out -> out.write(bytes));
  }

  /// A new empty file beside `path`, created with default (umask) permissions.
  private static Path temporaryBeside(Path path) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = path.resolveSibling("." + path.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class);
    if (src != null && dst != null) {
      dst.setPermissions(src.readAttributes().permissions());
    }
  }
}
