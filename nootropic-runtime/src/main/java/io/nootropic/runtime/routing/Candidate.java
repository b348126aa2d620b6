package io.nootropic.runtime.routing;

import io.nootropic.api.model.ModelDescriptor;
import java.util.Objects;

/// A model a [RoutingStrategy] may pick, with everything known about it for this request.
///
/// @param descriptor           what the model declares
/// @param stats                what the registry measured
/// @param unavailableReason    why it cannot be used right now (circuit open, over budget,
///                             missing capability), or `null` when it can
/// @param estimatedInputTokens prompt tokens, estimated
/// @param estimatedCostUsd     cost of this request on this model, estimated with the full
///                             `maxTokens` of output
public record Candidate(ModelDescriptor descriptor, ModelStats stats, String unavailableReason,
    long estimatedInputTokens, double estimatedCostUsd) {

  /// Checks the fields.
  public Candidate {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(stats, "stats");
  }

  /// The model's reference.
  public ModelRef ref() {
    return ModelRef.of(descriptor);
  }

  /// Whether nothing rules the model out before strategy-specific checks.
  public boolean available() {
    return unavailableReason == null;
  }
}
