package io.nootropic.api.agent;

import io.nootropic.api.event.EventSink;
import io.nootropic.api.memory.Memory;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.tool.Tools;
import java.util.Objects;

/// What an agent may use during one call. Supplied by the runtime or by the host.
public interface AgentContext {

  /// The id of the run this call belongs to.
  String runId();

  /// The chat model this agent should use (the runtime routes it to a concrete provider).
  ChatModel model();

  /// The tools the agent may call.
  Tools tools();

  /// Long-term memory of past work.
  Memory memory();

  /// Where the agent publishes its events.
  EventSink events();

  /// Signals that the caller wants the work stopped.
  CancellationToken cancellation();

  /// A context for calling an agent outside any runtime: no tools, no memory, events dropped, never
  /// cancelled, and no model (asking for one throws a [ModelException] that says so).
  ///
  /// @param runId the id reported by [#runId()]
  static AgentContext detached(String runId) {
    return new DetachedAgentContext(Objects.requireNonNull(runId, "runId"));
  }
}
