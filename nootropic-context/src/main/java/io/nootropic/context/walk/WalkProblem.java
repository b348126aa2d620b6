package io.nootropic.context.walk;

/// A file the walker skipped or read imperfectly, with the reason.
///
/// @param path    workspace-relative path
/// @param kind    what went wrong
/// @param message details
public record WalkProblem(String path, Kind kind, String message) {

  /// What went wrong with a file.
  public enum Kind {
    /// It could not be read (permissions, vanished, broken link, I/O error); skipped.
    UNREADABLE,
    /// A symbolic link leads back into a folder being walked; not followed.
    SYMLINK_LOOP,
    /// It is not valid UTF-8; read with replacement characters.
    INVALID_UTF8,
    /// It is larger than the size cap; skipped.
    TOO_LARGE,
    /// It holds NUL bytes, so it is taken for binary; skipped.
    BINARY,
    /// A symbolic link leads outside the workspace; not followed.
    OUTSIDE_WORKSPACE
  }
}
