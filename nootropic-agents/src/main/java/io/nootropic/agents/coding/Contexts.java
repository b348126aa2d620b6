package io.nootropic.agents.coding;

import io.nootropic.agents.runtime.RunContext;
import io.nootropic.api.agent.AgentContext;
import io.nootropic.api.agent.AgentException;

/// The agents of this package work on a workspace: they need the [RunContext] an
/// [io.nootropic.agents.runtime.AgentRuntime] builds.
final class Contexts {

  private Contexts() {}

  static RunContext run(AgentContext context, String agent) {
    if (context instanceof RunContext rc) {
      return rc;
    }
    throw new AgentException(agent + " works on a workspace: call it with a RunContext from AgentRuntime.context(...)");
  }
}
