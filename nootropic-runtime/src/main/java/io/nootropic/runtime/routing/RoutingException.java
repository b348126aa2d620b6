package io.nootropic.runtime.routing;

import java.util.List;

/// No model can serve a request; the message lists why each candidate was rejected.
public class RoutingException extends ModelCallException {

  private static final long serialVersionUID = 1L;

  private final transient List<CandidateVerdict> verdicts;

  /// Creates the exception.
  public RoutingException(String strategy, List<CandidateVerdict> verdicts) {
    super("no model can serve the request under strategy " + strategy + ": "
        + (verdicts.isEmpty() ? "no models registered" : verdicts.stream().map(CandidateVerdict::toString)
        .reduce((a, b) -> a + "; " + b).orElse("")), FailureKind.MODEL_ERROR, List.of(), null, null);
    this.verdicts = List.copyOf(verdicts);
  }

  /// Every candidate's rejection.
  public List<CandidateVerdict> verdicts() {
    return verdicts;
  }
}
