package io.nootropic.agents.coding;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;
import io.nootropic.api.memory.Episode;
import io.nootropic.api.memory.Memory;
import io.nootropic.runtime.agent.AgentInvocation;
import io.nootropic.runtime.agent.BaseAgent;
import java.util.List;

/// Recalls the past episodes most similar to a goal (the request's input) through the [Memory]
/// SPI, and stores a run's outcome as an episode ([#remember]) so later plans can recall it.
public final class MemoryAgent extends BaseAgent<String, List<Episode>> {

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("agent.memory", CapabilityKind.AGENT).version("0.1.0")
        .summary("Recalls past episodes similar to a goal and stores each run's outcome as an episode.")
        .tags("agent", "memory").build();
  }

  @Override
  protected AgentResponse<List<Episode>> doExecute(AgentRequest<String> request, AgentInvocation invocation) {
    List<Episode> found = recall(invocation.context().memory(), request.input(), 5);
    return AgentResponse.of(found, found.size() + " episodes recalled");
  }

  /// Up to `k` episodes like `goal`; a failing memory recalls nothing rather than failing a run.
  static List<Episode> recall(Memory memory, String goal, int k) {
    try {
      return memory.recall(goal, k);
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /// Stores `episode`; a failing memory is reported, not thrown.
  ///
  /// @return whether it was stored
  public static boolean remember(Memory memory, Episode episode) {
    try {
      memory.store(episode);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
