package io.nootropic.inference.transformer;

import io.nootropic.api.model.ModelException;

/// Tokens do not fit in a session's KV cache (or a requested context exceeds the model's). The
/// session is unchanged when this is thrown.
public class ContextLengthException extends ModelException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public ContextLengthException(String message) {
    super(message);
  }
}
