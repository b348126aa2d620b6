package io.nootropic.runtime.reflexion;

import java.util.List;
import java.util.Optional;

/// A validated, bounded repair policy: rules tried in document order and a cap on the attempts
/// of one step. Read one with [RepairPolicyParser]; it rejects unknown fields, missing bounds and
/// cycles between rules, naming the line and the field.
///
/// @param maxAttempts attempts of one step, first one included (1 to [#MAX_ATTEMPTS_CAP])
/// @param rules       the rules in document order
public record RepairPolicy(int maxAttempts, List<RepairRule> rules) {

  /// No policy may allow more attempts than this.
  public static final int MAX_ATTEMPTS_CAP = 20;

  /// A policy that never repairs: one attempt.
  public static final RepairPolicy NONE = new RepairPolicy(1, List.of());

  /// Checks the bounds.
  public RepairPolicy {
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_CAP) {
      throw new IllegalArgumentException("maxAttempts must be in [1, " + MAX_ATTEMPTS_CAP + "], was " + maxAttempts);
    }
    rules = List.copyOf(rules);
  }

  /// The rule with the given name.
  public Optional<RepairRule> rule(String name) {
    return rules.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
