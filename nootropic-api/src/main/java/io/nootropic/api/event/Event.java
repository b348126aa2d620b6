package io.nootropic.api.event;

import java.time.Instant;

/// An event on the bus. Implementations are usually records.
public interface Event {

  /// The topic subscribers select by, dot-separated, e.g. `task.succeeded` or `agent.step`.
  String topic();

  /// When the event happened.
  Instant timestamp();
}
