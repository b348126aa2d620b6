package io.nootropic.api.model;

/// Counts the tokens a text occupies under some model's tokenizer, for prompt budgeting.
@FunctionalInterface
public interface TokenCounter {

  /// A rough counter for when no tokenizer is at hand: one token per four UTF-16 chars, rounded up.
  TokenCounter APPROXIMATE = text -> (text.length() + 3) / 4;

  /// The number of tokens `text` encodes to, without special tokens.
  int count(String text);
}
