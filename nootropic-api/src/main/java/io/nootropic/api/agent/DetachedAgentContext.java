package io.nootropic.api.agent;

import io.nootropic.api.event.EventSink;
import io.nootropic.api.memory.Memory;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.api.tool.Tools;

/// The context behind [AgentContext#detached(String)]: no-op services and no model.
record DetachedAgentContext(String runId) implements AgentContext {

  @Override
  public ChatModel model() {
    return new ChatModel() {
      @Override
      public ModelDescriptor descriptor() {
        throw noModel();
      }

      @Override
      public ChatResponse chat(ChatRequest request, StreamingHandler handler) {
        throw noModel();
      }
    };
  }

  private ModelException noModel() {
    return new ModelException("no model is configured for run '" + runId
        + "': give the agent a context with a model (for example the runtime's ModelRegistry)");
  }

  @Override
  public Tools tools() {
    return Tools.NONE;
  }

  @Override
  public Memory memory() {
    return Memory.NONE;
  }

  @Override
  public EventSink events() {
    return EventSink.NONE;
  }

  @Override
  public CancellationToken cancellation() {
    return CancellationToken.NONE;
  }
}
