package io.nootropic.runtime.routing;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/// A routing decision and its reasons: the strategy, the model chosen, the fallbacks in order,
/// and a verdict on every candidate considered.
///
/// @param strategy  the strategy's name
/// @param chosen    the model tried first
/// @param fallbacks the models tried next, in order, if the chosen one fails
/// @param verdicts  every candidate with why it was kept or rejected
/// @param reason    why `chosen` won, in one sentence
public record RoutingDecision(String strategy, ModelRef chosen, List<ModelRef> fallbacks,
    List<CandidateVerdict> verdicts, String reason) {

  /// Checks the fields.
  public RoutingDecision {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(chosen, "chosen");
    fallbacks = List.copyOf(fallbacks);
    verdicts = List.copyOf(verdicts);
    reason = reason == null ? "" : reason;
  }

  /// The chosen model followed by the fallbacks.
  public List<ModelRef> order() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(chosen), fallbacks.stream()).toList();
  }

  /// The verdicts of the rejected candidates.
  public List<CandidateVerdict> rejected() {
    return verdicts.stream().filter(v -> !v.eligible()).toList();
  }

  /// A multi-line, human-readable account.
  public String explain() {
    return "strategy " + strategy + " chose " + chosen + ": " + reason
        + (fallbacks.isEmpty() ? "" : "\n  fallbacks: " + fallbacks.stream().map(ModelRef::toString).collect(Collectors.joining(", ")))
        + verdicts.stream().map(v -> "\n  " + v).collect(Collectors.joining());
  }
}
