package io.nootropic.runtime.task;

import io.nootropic.api.event.Event;
import java.time.Instant;
import java.util.Objects;

/// Something happened to a whole run. Topics: `run.created`, `run.patched`, `run.resumed`.
///
/// @param topic     the topic
/// @param timestamp when it was journaled
/// @param runId     the run
/// @param detail    a short description
public record RunEvent(String topic, Instant timestamp, String runId, String detail) implements Event {

  /// Checks the fields.
  public RunEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(runId, "runId");
    detail = detail == null ? "" : detail;
  }
}
