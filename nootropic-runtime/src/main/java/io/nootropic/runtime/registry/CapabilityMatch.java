package io.nootropic.runtime.registry;

import java.util.List;
import java.util.Objects;

/// One query result: the capability, its score and why it matched.
///
/// @param capability the match
/// @param score      higher is better; 0 when the query had no keywords
/// @param reasons    human-readable reasons, e.g. `name word 'hello'`, `tag 'greeting'`
public record CapabilityMatch(Capability capability, int score, List<String> reasons) {

  /// Checks and copies.
  public CapabilityMatch {
    Objects.requireNonNull(capability, "capability");
    reasons = List.copyOf(reasons);
  }
}
