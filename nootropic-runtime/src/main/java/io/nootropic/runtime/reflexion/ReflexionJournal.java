package io.nootropic.runtime.reflexion;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.runtime.journal.TaskStore;

/// Where Reflexion transitions are persisted: the run's journal.
@FunctionalInterface
public interface ReflexionJournal {

  /// Keeps nothing.
  ReflexionJournal NONE = event -> { };

  /// Appends one transition.
  void append(ReflexionEvent event);

  /// Appends to a [TaskStore] journal as records of type `reflexion.transition`.
  static ReflexionJournal of(TaskStore store) {
    return e -> {
      ObjectNode data = JsonNodeFactory.instance.objectNode()
          .put("timestamp", e.timestamp().toString())
          .put("agentId", e.agentId())
          .put("step", e.step())
          .put("attempt", e.attempt())
          .put("from", e.from().name())
          .put("to", e.to().name())
          .put("observation", e.observation())
          .put("outcome", e.outcome());
      store.append(e.runId(), ReflexionEvent.TOPIC, data);
    };
  }
}
