package io.nootropic.runtime.reflexion;

import io.nootropic.api.NootropicException;
import java.util.List;
import java.util.stream.Collectors;

/// A step failed for good; the message tells the whole story, attempt by attempt.
public class ReflexionFailedException extends NootropicException {

  private static final long serialVersionUID = 1L;

  private final transient List<ReflexionEvent> transitions;

  /// Creates the exception.
  public ReflexionFailedException(String reason, List<ReflexionEvent> transitions) {
    super(reason + transitions.stream().map(ReflexionEvent::summary).collect(Collectors.joining("\n  ", "\n  ", "")));
    this.transitions = List.copyOf(transitions);
  }

  /// Every state transition, in order.
  public List<ReflexionEvent> transitions() {
    return transitions;
  }
}
