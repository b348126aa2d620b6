package io.nootropic.runtime.reflexion;

import java.util.List;

/// A step that succeeded, with its story.
///
/// @param value       the result
/// @param attempts    attempts made
/// @param transitions every state transition, in order
/// @param <T>         the result type
public record ReflexionResult<T>(T value, int attempts, List<ReflexionEvent> transitions) {

  /// Copies the list.
  public ReflexionResult {
    transitions = List.copyOf(transitions);
  }
}
