package io.nootropic.inference.tokenizer;

import io.nootropic.api.NootropicException;

/// A tokenizer could not be built from its metadata (unknown model or pre-tokenizer, inconsistent
/// arrays), or was given an id outside its vocabulary.
public class TokenizerException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Creates an exception naming what is wrong.
  public TokenizerException(String message) {
    super(message);
  }

  /// Creates an exception naming what is wrong, with a cause.
  public TokenizerException(String message, Throwable cause) {
    super(message, cause);
  }
}
