package io.nootropic.api;

/// Base of every typed error Nootropic throws. Messages name what was wrong and where.
public class NootropicException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /// Creates an exception with a message.
  public NootropicException(String message) {
    super(message);
  }

  /// Creates an exception with a message and a cause.
  public NootropicException(String message, Throwable cause) {
    super(message, cause);
  }
}
