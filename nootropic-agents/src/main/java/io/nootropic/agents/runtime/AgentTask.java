package io.nootropic.agents.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.nootropic.api.Describable;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.agent.Agent;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;
import io.nootropic.runtime.executor.TaskCapability;
import io.nootropic.runtime.executor.TaskContext;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/// An agent as a task of the task graph ([AgentRuntime#task]): each attempt calls the agent with
/// the task's inputs, so its steps are journaled, retried on failure and resumed after a crash
/// like any task. The request id is the task's idempotency key, the same for every attempt, so an
/// agent can make a side effect happen once.
///
/// @param <I> the agent's input type
/// @param <O> the agent's output type
public final class AgentTask<I, O> implements TaskCapability, Describable {

  private final AgentRuntime runtime;
  private final Agent<I, O> agent;
  private final Function<JsonNode, I> input;
  private final Function<O, JsonNode> output;

  AgentTask(AgentRuntime runtime, Agent<I, O> agent, Function<JsonNode, I> input, Function<O, JsonNode> output) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.agent = Objects.requireNonNull(agent, "agent");
    this.input = Objects.requireNonNull(input, "input");
    this.output = Objects.requireNonNull(output, "output");
  }

  @Override
  public CapabilityDescriptor describe() {
    return agent.describe();
  }

  @Override
  public JsonNode execute(TaskContext ctx) throws Exception {
    String agentId = agent.describe().name();
    AgentRequest<I> request = new AgentRequest<>(ctx.idempotencyKey(), input.apply(ctx.inputs()),
        Map.of("run.id", ctx.runId(), "task.id", ctx.taskId().value(), "agent.id", agentId,
            "attempt", Integer.toString(ctx.attempt())), null);
    AgentResponse<O> response = agent.execute(request, runtime.context(agentId, ctx.taskId().value(), ctx.cancellation()));
    return output.apply(response.output());
  }
}
