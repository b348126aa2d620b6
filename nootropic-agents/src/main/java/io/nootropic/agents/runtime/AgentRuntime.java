package io.nootropic.agents.runtime;

import io.nootropic.agents.checkpoint.Checkpoints;
import io.nootropic.agents.command.CommandPolicy;
import io.nootropic.agents.command.CommandRunner;
import io.nootropic.agents.tool.BuiltinTools;
import io.nootropic.agents.tool.ToolEnvironment;
import io.nootropic.agents.workspace.Workspace;
import io.nootropic.agents.workspace.WorkspaceConfig;
import io.nootropic.api.Providers;
import io.nootropic.api.agent.Agent;
import io.nootropic.api.agent.CancellationToken;
import io.nootropic.api.agent.HumanInTheLoop;
import io.nootropic.api.event.EventSink;
import io.nootropic.api.memory.Memory;
import io.nootropic.api.memory.MemoryProvider;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.retrieval.Retriever;
import io.nootropic.api.retrieval.RetrieverProvider;
import io.nootropic.api.tool.Tool;
import io.nootropic.runtime.event.EventBus;
import io.nootropic.runtime.registry.CapabilityRegistry;
import io.nootropic.runtime.routing.BudgetLedger;
import io.nootropic.runtime.routing.CallContext;
import io.nootropic.runtime.routing.ModelRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Everything one run of agents works with, assembled once by the runtime rather than by each
/// host: the workspace jail and its checkpoints, the command runner, the built-in tools
/// (registered in a capability registry), model routing with its budget and tracing, memory and
/// retrieval found through the api's SPIs, the human-in-the-loop, the event bus and cancellation.
///
/// ```java
/// try (AgentRuntime runtime = AgentRuntime.builder(Path.of("repo"))
///     .models(modelRegistry)                          // routing, resilience, budgets, tracing
///     .commands(CommandPolicy.custom().allow("mvn", "git").build())
///     .human(console)
///     .build()) {
///   AgentResponse<String> r = myAgent.execute(AgentRequest.of("fix the build"), runtime.context("coder", "t1"));
/// }
/// ```
///
/// [#task(Agent, Function, Function)] makes any agent a task of the task graph, so its steps are
/// journaled, retried and resumed like any task.
public final class AgentRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AgentRuntime.class);

  private final String runId;
  private final Workspace workspace;
  private final Checkpoints checkpoints;
  private final CommandRunner commands;
  private final BuiltinTools tools;
  private final CapabilityRegistry registry;
  private final ModelRegistry models;
  private final ChatModel fixedModel;
  private final HumanInTheLoop human;
  private final EventBus events;
  private final boolean ownsEvents;
  private final Memory memory;
  private final RetrieverHolder retriever;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final ModelInterceptor interceptor;

  /// Wraps the model each agent context gets (to cache, count or record calls per task).
  @FunctionalInterface
  public interface ModelInterceptor {
    /// The model `agentId` uses for `taskId`, given the run's model.
    ChatModel wrap(String agentId, String taskId, ChatModel model);
  }

  private AgentRuntime(Builder b) {
    this.runId = b.runId;
    WorkspaceConfig wc = b.workspaceConfig != null ? b.workspaceConfig
        : WorkspaceConfig.custom().approver(b.human, b.approvalTimeout).build();
    this.workspace = Workspace.open(b.root, wc);
    this.workspace.runId(runId);
    this.checkpoints = Checkpoints.open(workspace, runId);
    CommandPolicy policy = b.commandPolicy != null ? b.commandPolicy
        : CommandPolicy.custom().approver(b.human, b.approvalTimeout).build();
    this.commands = new CommandRunner(workspace, policy);
    this.retriever = new RetrieverHolder(workspace.root(), b.retrieverProvider);
    this.tools = BuiltinTools.create(new ToolEnvironment(workspace, commands, retriever::get));
    this.registry = CapabilityRegistry.create();
    for (Tool t : tools.all()) {
      registry.register(t);
    }
    this.models = b.models;
    this.fixedModel = b.model;
    this.interceptor = b.interceptor;
    this.human = b.human;
    this.events = b.events != null ? b.events : EventBus.create("run-" + runId);
    this.ownsEvents = b.events == null;
    this.memory = b.memory != null ? b.memory
        : Providers.choose(MemoryProvider.class, MemoryProvider::name, "nootropic.memory")
            .map(p -> p.open(workspace.root())).orElse(Memory.NONE);
  }

  /// Starts a runtime over the workspace folder `root`.
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /// The run's id.
  public String runId() {
    return runId;
  }

  /// The workspace jail.
  public Workspace workspace() {
    return workspace;
  }

  /// Undo points of this run.
  public Checkpoints checkpoints() {
    return checkpoints;
  }

  /// The command runner.
  public CommandRunner commands() {
    return commands;
  }

  /// The built-in tools, bound to this run.
  public BuiltinTools tools() {
    return tools;
  }

  /// The run's capability registry, holding its tools.
  public CapabilityRegistry registry() {
    return registry;
  }

  /// The model registry, when the run routes its calls.
  public Optional<ModelRegistry> models() {
    return Optional.ofNullable(models);
  }

  /// The budget ledger of the model registry, when there is one.
  public Optional<BudgetLedger> budgets() {
    return models().map(ModelRegistry::budgets);
  }

  /// Who approves what the rules do not allow.
  public HumanInTheLoop human() {
    return human;
  }

  /// The run's event bus.
  public EventBus events() {
    return events;
  }

  /// The run's memory.
  public Memory memory() {
    return memory;
  }

  /// The retriever over the workspace, opened on first use (absent without a provider).
  public Optional<Retriever> retriever() {
    return retriever.get();
  }

  /// Asks every call of this run to stop.
  public void cancel() {
    cancelled.set(true);
  }

  /// Whether [#cancel()] was called.
  public boolean cancelled() {
    return cancelled.get();
  }

  /// The context of one agent call: the model routed and charged to `agentId` and `taskId` of
  /// this run, the run's tools, memory, events, cancellation, and its workspace.
  public RunContext context(String agentId, String taskId) {
    return context(agentId, taskId, CancellationToken.NONE);
  }

  /// As [#context(String, String)], cancelled also when `cancellation` is.
  public RunContext context(String agentId, String taskId, CancellationToken cancellation) {
    ChatModel model = fixedModel != null ? fixedModel
        : models != null ? models.asChatModel(CallContext.DEFAULT.forTask(runId, agentId, taskId)) : null;
    if (model != null && interceptor != null) {
      model = interceptor.wrap(agentId, taskId, model);
    }
    CancellationToken token = () -> cancelled.get() || cancellation.isCancelled();
    EventSink sink = events::publish;
    return new RunContext(this, agentId, taskId, model, sink, token);
  }

  /// `agent` as a task capability of the task graph: each attempt calls it with the task's inputs
  /// (through `input`), its idempotency key as the request id and the run, task and attempt in
  /// the metadata, and returns its output (through `output`) as the task's result.
  public <I, O> AgentTask<I, O> task(Agent<I, O> agent, Function<com.fasterxml.jackson.databind.JsonNode, I> input,
                                     Function<O, com.fasterxml.jackson.databind.JsonNode> output) {
    return new AgentTask<>(this, agent, input, output);
  }

  /// Stops recording checkpoints, closes the retriever and the event bus the runtime made.
  @Override
  public void close() {
    checkpoints.close();
    retriever.close();
    if (ownsEvents) {
      events.close();
    }
  }

  /// The retriever, opened once on first use.
  private static final class RetrieverHolder implements AutoCloseable {
    private final Path root;
    private final RetrieverProvider configured;
    private Optional<Retriever> opened;

    RetrieverHolder(Path root, RetrieverProvider configured) {
      this.root = root;
      this.configured = configured;
    }

    synchronized Optional<Retriever> get() {
      if (opened == null) {
        Optional<RetrieverProvider> provider = configured != null ? Optional.of(configured)
            : Providers.choose(RetrieverProvider.class, RetrieverProvider::name, "nootropic.retriever");
        try {
          opened = provider.map(p -> p.open(root));
        } catch (RuntimeException e) {
          LOG.warn("code retrieval is not available in this run: {}", e.getMessage());
          opened = Optional.empty();
        }
      }
      return opened;
    }

    @Override
    public synchronized void close() {
      if (opened != null) {
        opened.ifPresent(Retriever::close);
      }
    }
  }

  /// Builds an [AgentRuntime].
  public static final class Builder {
    private final Path root;
    private String runId = UUID.randomUUID().toString().substring(0, 8);
    private WorkspaceConfig workspaceConfig;
    private CommandPolicy commandPolicy;
    private ModelRegistry models;
    private ChatModel model;
    private HumanInTheLoop human = HumanInTheLoop.NOBODY;
    private Duration approvalTimeout = Duration.ofMinutes(5);
    private EventBus events;
    private Memory memory;
    private RetrieverProvider retrieverProvider;
    private ModelInterceptor interceptor;

    private Builder(Path root) {
      this.root = Objects.requireNonNull(root, "root");
    }

    /// The run's id (default: a random one); checkpoints are kept under it.
    public Builder runId(String runId) {
      this.runId = Objects.requireNonNull(runId, "runId");
      return this;
    }

    /// The workspace rules (default: [WorkspaceConfig#ofDefaults()] with the runtime's approver).
    public Builder workspace(WorkspaceConfig config) {
      this.workspaceConfig = config;
      return this;
    }

    /// The command rules (default: no program allowed).
    public Builder commands(CommandPolicy policy) {
      this.commandPolicy = policy;
      return this;
    }

    /// Routes every agent's calls through `models`, charged to the run, the agent and the task.
    public Builder models(ModelRegistry models) {
      this.models = models;
      return this;
    }

    /// Gives every agent this one model, unrouted (tests, a single local model).
    public Builder model(ChatModel model) {
      this.model = model;
      return this;
    }

    /// Who approves protected paths and dangerous commands, and how long to wait.
    public Builder human(HumanInTheLoop human, Duration timeout) {
      this.human = Objects.requireNonNull(human, "human");
      this.approvalTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /// The event bus to publish on (default: one of the runtime's own, closed with it).
    public Builder events(EventBus events) {
      this.events = events;
      return this;
    }

    /// The memory (default: the one [MemoryProvider] on the path, else none).
    public Builder memory(Memory memory) {
      this.memory = memory;
      return this;
    }

    /// The retriever provider (default: the one [RetrieverProvider] on the path, else none).
    public Builder retriever(RetrieverProvider provider) {
      this.retrieverProvider = provider;
      return this;
    }

    /// Wraps the model of every context this runtime builds.
    public Builder interceptModel(ModelInterceptor interceptor) {
      this.interceptor = interceptor;
      return this;
    }

    /// Builds the runtime.
    ///
    /// @throws io.nootropic.agents.workspace.WorkspaceException when the folder is not usable
    public AgentRuntime build() {
      return new AgentRuntime(this);
    }
  }
}
