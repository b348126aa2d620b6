package io.nootropic.runtime.routing;

import io.nootropic.api.model.ModelException;
import java.util.List;
import java.util.stream.Collectors;

/// A routed model call failed for good: every attempt and fallback is listed, with the routing
/// decision that chose them.
public class ModelCallException extends ModelException {

  private static final long serialVersionUID = 1L;

  private final transient List<Attempt> attempts;
  private final transient RoutingDecision decision;
  private final FailureKind kind;

  /// Creates the exception.
  ///
  /// @param summary  what failed, in one line
  /// @param kind     the failure of the last attempt
  /// @param attempts every attempt made, in order
  /// @param decision the routing decision, or `null` when routing itself failed
  /// @param cause    the last underlying error, or `null`
  public ModelCallException(String summary, FailureKind kind, List<Attempt> attempts, RoutingDecision decision, Throwable cause) {
    super(summary + describe(attempts), cause);
    this.kind = kind;
    this.attempts = List.copyOf(attempts);
    this.decision = decision;
  }

  private static String describe(List<Attempt> attempts) {
    if (attempts.isEmpty()) {
      return "";
    }
    return "; attempts: " + attempts.stream().map(Attempt::summary).collect(Collectors.joining("; "));
  }

  /// Every attempt made, in order.
  public List<Attempt> attempts() {
    return attempts;
  }

  /// The routing decision, or `null`.
  public RoutingDecision decision() {
    return decision;
  }

  /// The failure that ended the call.
  public FailureKind kind() {
    return kind;
  }
}
