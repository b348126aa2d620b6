package io.nootropic.agents.checkpoint;

import io.nootropic.api.NootropicException;

/// A checkpoint could not be taken, kept or restored. The message names the path or the file.
public class CheckpointException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public CheckpointException(String message) {
    super(message);
  }

  /// Creates the exception with a cause.
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
