package io.nootropic.api.model;

import io.nootropic.api.NootropicException;

/// A model could not be loaded or could not answer. The message names the model and the cause.
public class ModelException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public ModelException(String message) {
    super(message);
  }

  /// Creates the exception with a cause.
  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
