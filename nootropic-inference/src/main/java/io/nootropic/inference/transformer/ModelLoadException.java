package io.nootropic.inference.transformer;

import io.nootropic.api.model.ModelException;

/// A model file cannot be turned into a [LanguageModel]: unknown architecture, a hyper-parameter out
/// of range, a missing tensor or one of the wrong shape or type. The message names the key or tensor.
public class ModelLoadException extends ModelException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public ModelLoadException(String message) {
    super(message);
  }

  /// Creates the exception with a cause.
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
