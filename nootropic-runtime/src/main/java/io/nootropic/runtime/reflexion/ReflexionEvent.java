package io.nootropic.runtime.reflexion;

import io.nootropic.api.event.Event;
import java.time.Instant;
import java.util.Objects;

/// One transition of the Reflexion state machine, published on topic `reflexion.transition` and
/// appended to the run's journal.
///
/// @param timestamp   when it happened
/// @param runId       the run
/// @param agentId     the agent
/// @param step        the step's name
/// @param attempt     the attempt number the transition belongs to
/// @param from        the state left
/// @param to          the state entered
/// @param observation what was observed (the failure, the result, the human's answer)
/// @param outcome     what was decided: `succeeded`, `retry`, `rollback`, `switchModel`,
///                    `escalate`, `failed`, with the rule's name
public record ReflexionEvent(Instant timestamp, String runId, String agentId, String step, int attempt,
    ReflexionState from, ReflexionState to, String observation, String outcome) implements Event {

  /// The topic of every Reflexion event.
  public static final String TOPIC = "reflexion.transition";

  /// Checks the fields.
  public ReflexionEvent {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    observation = observation == null ? "" : observation;
    outcome = outcome == null ? "" : outcome;
  }

  @Override
  public String topic() {
    return TOPIC;
  }

  /// One line for logs and error messages.
  public String summary() {
    return "attempt " + attempt + ": " + from + " -> " + to + (outcome.isEmpty() ? "" : " [" + outcome + "]")
        + (observation.isEmpty() ? "" : ": " + observation);
  }
}
