package io.nootropic.api.model;

/// Receives the pieces of an answer as they are produced.
@FunctionalInterface
public interface StreamingHandler {

  /// A handler that ignores everything.
  StreamingHandler NONE = token -> { };

  /// Called with each new piece of text, in order, exactly once.
  void onToken(String text);

  /// Called once when the answer is complete.
  default void onComplete(ChatResponse response) { }
}
