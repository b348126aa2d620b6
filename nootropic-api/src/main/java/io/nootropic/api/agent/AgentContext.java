package io.nootropic.api.agent;

import io.nootropic.api.event.EventSink;
import io.nootropic.api.memory.Memory;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.tool.Tools;

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
}
