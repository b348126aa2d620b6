package io.nootropic.agents.runtime;

import io.nootropic.agents.checkpoint.Checkpoints;
import io.nootropic.agents.command.CommandRunner;
import io.nootropic.agents.workspace.Workspace;
import io.nootropic.api.agent.AgentContext;
import io.nootropic.api.agent.CancellationToken;
import io.nootropic.api.agent.HumanInTheLoop;
import io.nootropic.api.event.EventSink;
import io.nootropic.api.memory.Memory;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.retrieval.Retriever;
import io.nootropic.api.tool.Tools;
import io.nootropic.runtime.routing.BudgetLedger;
import java.util.Optional;

/// The [AgentContext] an [AgentRuntime] builds for one agent call: the api's view (model, tools,
/// memory, events, cancellation) plus what coding agents need (the workspace, checkpoints,
/// commands, retrieval, the human-in-the-loop, the budget).
public final class RunContext implements AgentContext {

  private final AgentRuntime runtime;
  private final String agentId;
  private final String taskId;
  private final ChatModel model;
  private final EventSink events;
  private final CancellationToken cancellation;

  RunContext(AgentRuntime runtime, String agentId, String taskId, ChatModel model, EventSink events,
             CancellationToken cancellation) {
    this.runtime = runtime;
    this.agentId = agentId;
    this.taskId = taskId;
    this.model = model;
    this.events = events;
    this.cancellation = cancellation;
  }

  @Override
  public String runId() {
    return runtime.runId();
  }

  /// The agent this context is for.
  public String agentId() {
    return agentId;
  }

  /// The task this context is for.
  public String taskId() {
    return taskId;
  }

  /// The routed model of the run, charged to this agent and task.
  ///
  /// @throws ModelException when the runtime was built without models
  @Override
  public ChatModel model() {
    if (model == null) {
      throw new ModelException("run " + runtime.runId() + " has no model: build the runtime with models(...) or model(...)");
    }
    return model;
  }

  @Override
  public Tools tools() {
    return runtime.tools();
  }

  @Override
  public Memory memory() {
    return runtime.memory();
  }

  @Override
  public EventSink events() {
    return events;
  }

  @Override
  public CancellationToken cancellation() {
    return cancellation;
  }

  /// The workspace jail.
  public Workspace workspace() {
    return runtime.workspace();
  }

  /// The run's undo points.
  public Checkpoints checkpoints() {
    return runtime.checkpoints();
  }

  /// The command runner.
  public CommandRunner commands() {
    return runtime.commands();
  }

  /// Code retrieval over the workspace, when a retriever is on the path.
  public Optional<Retriever> retriever() {
    return runtime.retriever();
  }

  /// Who approves what the rules do not allow.
  public HumanInTheLoop human() {
    return runtime.human();
  }

  /// The run's budget ledger, when its calls are routed.
  public Optional<BudgetLedger> budgets() {
    return runtime.budgets();
  }

  /// The runtime behind this context.
  public AgentRuntime runtime() {
    return runtime;
  }
}
