package io.nootropic.agents.command;

import io.nootropic.agents.ToolError;
import io.nootropic.api.NootropicException;
import java.util.Locale;

/// A command was refused before it ran, or could not be started. The message says which rule
/// refused it and what would be allowed.
public class CommandException extends NootropicException implements ToolError {

  private static final long serialVersionUID = 1L;

  /// Why a command did not run.
  public enum Kind {
    /// The program is not on the run's allow-list, is a shell or a program launcher, or is not
    /// found on the system `PATH`.
    COMMAND_NOT_ALLOWED,
    /// A flag or argument could run other programs or reach outside the workspace, and nobody
    /// approved it.
    DANGEROUS_COMMAND,
    /// The command is malformed (empty, a NUL byte, shell syntax).
    INVALID_COMMAND,
    /// The operating system could not start it.
    COMMAND_FAILED_TO_START;

    /// The stable kebab-case name, e.g. `command-not-allowed`.
    public String externalName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Kind kind;

  /// Creates the exception.
  public CommandException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /// Creates the exception with a cause.
  public CommandException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /// Why the command did not run.
  public Kind kind() {
    return kind;
  }

  @Override
  public String type() {
    return kind.externalName();
  }
}
