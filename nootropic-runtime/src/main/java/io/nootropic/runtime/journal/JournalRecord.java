package io.nootropic.runtime.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Objects;

/// One durable record of a journal: a state change or an event of a run.
///
/// @param seq   position in the journal, assigned by the store, starting at 1 and without gaps
/// @param runId the run the record belongs to
/// @param type  what happened, dot-separated, e.g. `task.succeeded` or `event`
/// @param time  when the store accepted the record
/// @param data  the payload, a JSON value (never `null`; [NullNode] when empty)
public record JournalRecord(long seq, String runId, String type, Instant time, JsonNode data) {

  /// Checks the fields.
  public JournalRecord {
    if (seq < 1) {
      throw new IllegalArgumentException("journal sequence numbers start at 1, was " + seq);
    }
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    data = data == null ? NullNode.getInstance() : data;
  }
}
