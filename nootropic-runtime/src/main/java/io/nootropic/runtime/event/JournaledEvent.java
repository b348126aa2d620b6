package io.nootropic.runtime.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.nootropic.api.event.Event;
import java.time.Instant;
import java.util.Objects;

/// An event read back from the journal.
///
/// @param topic     the record's topic (for task-graph records, the record type such as
///                  `task.succeeded`; for published events, their original topic)
/// @param timestamp when the record was journaled
/// @param runId     the run it belongs to
/// @param seq       its journal sequence number
/// @param data      its payload
public record JournaledEvent(String topic, Instant timestamp, String runId, long seq, JsonNode data)
    implements Event {

  /// Checks the fields.
  public JournaledEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(data, "data");
  }
}
