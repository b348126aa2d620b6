package io.nootropic.runtime.routing;

import io.nootropic.api.model.ChatResponse;
import java.util.List;
import java.util.Objects;

/// A routed call's answer with its story: the routing decision, every attempt, and the cost.
///
/// @param response the answer
/// @param decision how the model was chosen
/// @param attempts every attempt, the last one successful
/// @param costUsd  the answer's cost in US dollars
public record RoutedResponse(ChatResponse response, RoutingDecision decision, List<Attempt> attempts, double costUsd) {

  /// Checks the fields.
  public RoutedResponse {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(decision, "decision");
    attempts = List.copyOf(attempts);
  }

  /// The model that answered.
  public ModelRef answeredBy() {
    return attempts.getLast().model();
  }
}
