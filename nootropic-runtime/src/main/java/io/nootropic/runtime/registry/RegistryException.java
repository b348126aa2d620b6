package io.nootropic.runtime.registry;

import io.nootropic.api.NootropicException;

/// Base of the registry's typed errors. Messages name the capability or provider and the problem.
public class RegistryException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public RegistryException(String message) {
    super(message);
  }

  /// Creates the exception with a cause.
  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
