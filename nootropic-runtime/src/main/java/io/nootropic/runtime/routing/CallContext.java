package io.nootropic.runtime.routing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/// Who is calling and under which constraints: run, agent and task (for budgets and cost
/// attribution), the routing strategy (`null` for the registry's default), the SLA and the
/// deadline of the whole call including retries and fallbacks.
///
/// @param runId    the run, for run budgets; empty if none
/// @param agentId  the agent, for agent budgets; empty if none
/// @param taskId   the task of the DAG the cost is attributed to; empty if none
/// @param strategy the routing strategy, or `null` for the registry's default
/// @param sla      latency and error-rate requirements
/// @param deadline how long the whole call may take
/// @param metadata free-form attributes, recorded on spans as `nootropic.meta.*`
public record CallContext(String runId, String agentId, String taskId, RoutingStrategy strategy, Sla sla,
    Duration deadline, Map<String, String> metadata) {

  /// Default deadline of a call: two minutes.
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);

  /// A context with no ids, the default strategy, no SLA and the default deadline.
  public static final CallContext DEFAULT = new CallContext("", "", "", null, Sla.NONE, DEFAULT_DEADLINE, Map.of());

  /// Checks and normalises the fields.
  public CallContext {
    runId = runId == null ? "" : runId;
    agentId = agentId == null ? "" : agentId;
    taskId = taskId == null ? "" : taskId;
    sla = Objects.requireNonNullElse(sla, Sla.NONE);
    deadline = Objects.requireNonNullElse(deadline, DEFAULT_DEADLINE);
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, was " + deadline);
    }
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /// A context for a task of a run, taking `run.id`, `agent.id` and `task.id` from metadata
  /// when present (the keys agents put in [io.nootropic.api.agent.AgentRequest#metadata()]).
  public static CallContext fromMetadata(Map<String, String> metadata) {
    return new CallContext(metadata.getOrDefault("run.id", ""), metadata.getOrDefault("agent.id", ""),
        metadata.getOrDefault("task.id", ""), null, Sla.NONE, DEFAULT_DEADLINE, metadata);
  }

  /// A copy for the given run, agent and task.
  public CallContext forTask(String runId, String agentId, String taskId) {
    return new CallContext(runId, agentId, taskId, strategy, sla, deadline, metadata);
  }

  /// A copy with another strategy.
  public CallContext withStrategy(RoutingStrategy strategy) {
    return new CallContext(runId, agentId, taskId, strategy, sla, deadline, metadata);
  }

  /// A copy with another SLA.
  public CallContext withSla(Sla sla) {
    return new CallContext(runId, agentId, taskId, strategy, sla, deadline, metadata);
  }

  /// A copy with another deadline.
  public CallContext withDeadline(Duration deadline) {
    return new CallContext(runId, agentId, taskId, strategy, sla, deadline, metadata);
  }
}
