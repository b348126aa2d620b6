package io.nootropic.agents.workspace;

import io.nootropic.agents.ToolError;
import io.nootropic.api.NootropicException;
import java.util.Locale;

/// A file operation on a [Workspace] was refused or failed. [#kind()] says why; the message names
/// the path as the caller gave it and, for a refusal, what would be allowed.
public class WorkspaceException extends NootropicException implements ToolError {

  private static final long serialVersionUID = 1L;

  /// Why an operation was refused or failed.
  public enum Kind {
    /// The path leaves the workspace (`..`, absolute, `~`, a link pointing out, a hardlink) or is
    /// not a valid path (NUL byte, control character, backslash).
    WORKSPACE_VIOLATION,
    /// The path is protected (`.git/`, the run's state, build and CI files) and nobody approved.
    PROTECTED_PATH,
    /// Nothing is there.
    NOT_FOUND,
    /// Something is already there.
    ALREADY_EXISTS,
    /// A file was expected and this is not one (a folder, a device), or the reverse.
    WRONG_TYPE,
    /// The file is larger than the workspace reads or writes.
    TOO_LARGE,
    /// The operating system refused or failed.
    IO_ERROR;

    /// The stable kebab-case name, e.g. `workspace-violation`.
    public String externalName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Kind kind;
  private final String path;

  /// Creates the exception.
  public WorkspaceException(Kind kind, String path, String message) {
    super(message);
    this.kind = kind;
    this.path = path;
  }

  /// Creates the exception with a cause.
  public WorkspaceException(Kind kind, String path, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.path = path;
  }

  /// Why the operation was refused or failed.
  public Kind kind() {
    return kind;
  }

  /// The path as the caller gave it.
  public String path() {
    return path;
  }

  @Override
  public String type() {
    return kind.externalName();
  }
}
