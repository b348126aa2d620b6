package io.nootropic.runtime.executor;

import io.nootropic.api.NootropicException;

/// Thrown by a [TaskCapability] (or the executor) to fail a task without retrying it.
public class NonRetryableTaskException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public NonRetryableTaskException(String message) {
    super(message);
  }

  /// Creates the exception with a cause.
  public NonRetryableTaskException(String message, Throwable cause) {
    super(message, cause);
  }
}
