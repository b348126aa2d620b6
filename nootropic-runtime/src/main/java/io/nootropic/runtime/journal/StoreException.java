package io.nootropic.runtime.journal;

import io.nootropic.api.NootropicException;

/// A [TaskStore] could not read or write durable state. The message names the store and the cause.
public class StoreException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public StoreException(String message) {
    super(message);
  }

  /// Creates the exception with a cause.
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
