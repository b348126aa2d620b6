package io.nootropic.api.agent;

import io.nootropic.api.model.Usage;
import java.util.Objects;

/// The result of one [Agent] call.
///
/// @param output      the typed output
/// @param explanation how the output was reached, in plain words, for explainability
/// @param usage       model tokens and time spent; [Usage#NONE] when no model was used
/// @param <O>         the output type
public record AgentResponse<O>(O output, String explanation, Usage usage) {

  /// Checks the fields.
  public AgentResponse {
    explanation = explanation == null ? "" : explanation;
    usage = Objects.requireNonNullElse(usage, Usage.NONE);
  }

  /// A response with an output and an explanation, no model usage.
  public static <O> AgentResponse<O> of(O output, String explanation) {
    return new AgentResponse<>(output, explanation, Usage.NONE);
  }
}
