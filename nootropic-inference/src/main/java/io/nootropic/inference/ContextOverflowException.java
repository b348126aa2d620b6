package io.nootropic.inference;

import io.nootropic.inference.transformer.ContextLengthException;

/// A prompt does not fit in the context window of the session (checked before anything is
/// processed, so the session is unchanged).
public class ContextOverflowException extends ContextLengthException {

  private static final long serialVersionUID = 1L;

  private final int promptTokens;
  private final int contextLength;

  /// Creates the exception.
  public ContextOverflowException(int promptTokens, int contextLength) {
    super("prompt of " + promptTokens + " tokens does not fit the context of " + contextLength
        + " tokens (leave room for at least one generated token)");
    this.promptTokens = promptTokens;
    this.contextLength = contextLength;
  }

  /// Tokens in the prompt.
  public int promptTokens() {
    return promptTokens;
  }

  /// Tokens the session's context holds.
  public int contextLength() {
    return contextLength;
  }
}
