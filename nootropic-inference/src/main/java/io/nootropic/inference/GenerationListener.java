package io.nootropic.inference;

/// Receives a generation as it happens.
@FunctionalInterface
public interface GenerationListener {

  /// A listener that ignores everything.
  GenerationListener NONE = text -> { };

  /// Called with each new piece of text, in order. Pieces are whole UTF-8 characters (a character
  /// split across tokens arrives once complete) and never contain any part of a stop string.
  void onText(String text);

  /// Called with each generated token id (end-of-generation tokens excluded), before its text.
  default void onToken(int token) { }
}
