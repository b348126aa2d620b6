package io.nootropic.runtime.reflexion;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/// One rule of a [RepairPolicy]: which failures it matches and what it does about them.
///
/// @param name          unique name, referenced by other rules' `next`
/// @param errorTypes    error types matched (exception simple names or failure kinds, any case);
///                      empty matches any
/// @param failedChecks  names of failed checks matched (e.g. `tests`, `lint`); empty matches any
/// @param minFailures   matches only from this many failures of the step on (>= 1)
/// @param action        what to do
/// @param maxTimes      how often this rule may fire within one step
/// @param revise        changes applied to the next attempt
/// @param next          the rule that takes over once this one is used up, or `null`
/// @param question      for [RepairAction#ESCALATE], what to ask
/// @param timeout       for [RepairAction#ESCALATE], how long to wait for an answer
/// @param retryOnTimeout for [RepairAction#ESCALATE], whether to try again when nobody answers
public record RepairRule(String name, Set<String> errorTypes, Set<String> failedChecks, int minFailures,
    RepairAction action, int maxTimes, Revision revise, String next, String question, Duration timeout,
    boolean retryOnTimeout) {

  /// Checks and normalises the fields.
  public RepairRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    errorTypes = errorTypes == null ? Set.of()
        : Set.copyOf(errorTypes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
    failedChecks = failedChecks == null ? Set.of()
        : Set.copyOf(failedChecks.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
    revise = revise == null ? Revision.NONE : revise;
    question = question == null ? "" : question;
  }

  /// Whether this rule matches a failure.
  public boolean matches(StepOutcome.Failure<?> failure, int failures) {
    if (failures < minFailures) {
      return false;
    }
    if (!errorTypes.isEmpty() && (failure.errorType() == null || !errorTypes.contains(failure.errorType().toLowerCase(Locale.ROOT)))) {
      return false;
    }
    return failedChecks.isEmpty()
        || failure.failedCheck() != null && failedChecks.contains(failure.failedCheck().toLowerCase(Locale.ROOT));
  }
}
