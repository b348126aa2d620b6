package io.nootropic.runtime.agent;

import io.nootropic.api.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/// An agent invocation started or ended. Topics: `agent.started`, `agent.succeeded`,
/// `agent.failed`, `agent.cancelled`, `agent.timed-out`.
///
/// @param topic     the topic
/// @param timestamp when it happened
/// @param agent     the agent's capability name
/// @param version   the agent's version
/// @param requestId the request
/// @param runId     the run of the calling context
/// @param elapsed   time since the invocation started (zero for `agent.started`)
/// @param detail    error message or explanation; empty when none
public record AgentEvent(
    String topic, Instant timestamp, String agent, String version, String requestId, String runId,
    Duration elapsed, String detail) implements Event {

  /// Checks the fields.
  public AgentEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(requestId, "requestId");
    runId = runId == null ? "" : runId;
    elapsed = elapsed == null ? Duration.ZERO : elapsed;
    detail = detail == null ? "" : detail;
  }
}
