package io.nootropic.runtime.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.nootropic.api.event.Event;
import io.nootropic.runtime.journal.JournalRecord;
import io.nootropic.runtime.journal.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/// Bridges events and the journal: writes published events of a run as journal records, and
/// reads a run's records back as [JournaledEvent]s for [EventBus#replay].
public final class JournalEvents {

  /// Record type of events journaled with [#append].
  public static final String EVENT_RECORD = "event";

  private final ObjectMapper json = new ObjectMapper();

  /// Creates the bridge.
  public JournalEvents() {
    SimpleModule time = new SimpleModule("nootropic-time");
    time.addSerializer(Instant.class, ToStringSerializer.instance);
    time.addSerializer(Duration.class, ToStringSerializer.instance);
    json.registerModule(time);
  }

  /// Appends `event` to `store` as a record of type [#EVENT_RECORD] of run `runId`: its topic,
  /// timestamp and its fields as JSON (or its `toString()` when it cannot be mapped).
  public JournalRecord append(TaskStore store, String runId, Event event) {
    Objects.requireNonNull(event, "event");
    ObjectNode data = json.createObjectNode();
    data.put("topic", event.topic());
    data.put("timestamp", event.timestamp().toString());
    data.put("class", event.getClass().getName());
    JsonNode payload;
    try {
      payload = json.valueToTree(event);
    } catch (IllegalArgumentException e) {
      payload = json.getNodeFactory().textNode(event.toString());
    }
    data.set("payload", payload);
    return store.append(runId, EVENT_RECORD, data);
  }

  /// The events of run `runId` in `records` (every record type), in journal order.
  public static List<JournaledEvent> of(Iterable<JournalRecord> records, String runId) {
    List<JournaledEvent> out = new ArrayList<>();
    for (JournalRecord r : records) {
      if (runId == null || r.runId().equals(runId)) {
        out.add(toEvent(r));
      }
    }
    return out;
  }

  /// Converts one record: [#EVENT_RECORD] records keep their original topic and payload, others
  /// take the record type as topic and the record data as payload.
  public static JournaledEvent toEvent(JournalRecord r) {
    if (r.type().equals(EVENT_RECORD) && r.data().hasNonNull("topic")) {
      JsonNode payload = r.data().has("payload") ? r.data().get("payload") : r.data();
      return new JournaledEvent(r.data().get("topic").asText(), r.time(), r.runId(), r.seq(), payload);
    }
    return new JournaledEvent(r.type(), r.time(), r.runId(), r.seq(), r.data());
  }
}
