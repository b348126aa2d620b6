package io.nootropic.runtime.reflexion;

import java.util.List;

/// What an attempt knows: which attempt it is, the revisions to apply, and what went wrong before.
///
/// @param runId    the run
/// @param agentId  the agent
/// @param step     the step's name
/// @param attempt  1-based attempt number
/// @param revision the accumulated revisions (prompt additions, temperature, model, guidance)
/// @param previous the failures of earlier attempts, oldest first
public record StepContext(String runId, String agentId, String step, int attempt, Revision revision,
    List<StepOutcome.Failure<?>> previous) {

  /// Copies the list.
  public StepContext {
    previous = List.copyOf(previous);
  }
}
