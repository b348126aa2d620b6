package io.nootropic.context;

import io.nootropic.api.NootropicException;

/// A retrieval, indexing or memory operation failed; the message names what and where.
public class ContextException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Creates an exception with a message.
  public ContextException(String message) {
    super(message);
  }

  /// Creates an exception with a message and a cause.
  public ContextException(String message, Throwable cause) {
    super(message, cause);
  }
}
