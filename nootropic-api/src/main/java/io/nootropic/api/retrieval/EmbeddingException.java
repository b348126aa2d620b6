package io.nootropic.api.retrieval;

import io.nootropic.api.NootropicException;

/// An embedding model failed to produce vectors; the message names the model and the cause.
public class EmbeddingException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Creates an exception with a message and a cause.
  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
