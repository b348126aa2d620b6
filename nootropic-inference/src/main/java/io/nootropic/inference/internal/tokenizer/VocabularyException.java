package io.nootropic.inference.internal.tokenizer;

import io.nootropic.api.NootropicException;

/// A vocabulary is inconsistent or asks for something this engine does not support; the public
/// tokenizer API rethrows it as `TokenizerException`.
public final class VocabularyException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Creates an exception naming what is wrong.
  public VocabularyException(String message) {
    super(message);
  }
}
