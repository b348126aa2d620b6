package io.nootropic.runtime.routing;

import io.nootropic.api.agent.HumanAnswer;
import io.nootropic.api.agent.HumanInTheLoop;
import io.nootropic.api.agent.HumanQuestion;
import io.nootropic.api.Providers;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.api.model.TokenCounter;
import io.nootropic.api.model.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Holds model providers with their descriptors and the statistics it measures itself, and
/// routes every request: a [RoutingStrategy] picks the model and the fallbacks (recording why),
/// budgets are checked, each provider's [ProviderGuard] retries and limits, and OpenTelemetry
/// traces it all.
///
/// ```java
/// ModelRegistry registry = ModelRegistry.builder()
///     .provider(localProvider)
///     .provider(remoteProvider, ModelResilienceConfig.ofDefaults())
///     .strategy(RoutingStrategy.localFirst())
///     .build();
/// RoutedResponse r = registry.chat(ChatRequest.of("hello"), CallContext.DEFAULT);
/// ```
public final class ModelRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  /// Properties `nootropic.model-provider.NAME=CLASS` choose between discovered providers of one
  /// name.
  public static final String PROVIDER_CHOICE_PREFIX = "nootropic.model-provider";

  private final Map<String, ModelProvider> providers;
  private final Map<String, ProviderGuard> guards;
  private final Map<ModelRef, ModelDescriptor> descriptors;
  private final Map<ModelRef, StatsWindow> stats;
  private final Map<ModelRef, ChatModel> opened = new ConcurrentHashMap<>();
  private final RoutingStrategy defaultStrategy;
  private final GenAiTelemetry telemetry;
  private final BudgetLedger budgets;
  private final HumanInTheLoop human;
  private final Duration humanTimeout;
  private final TokenCounter tokenCounter;

  private ModelRegistry(Builder b) {
    providers = Map.copyOf(b.providers);
    Map<String, ProviderGuard> g = new LinkedHashMap<>();
    Map<ModelRef, ModelDescriptor> d = new LinkedHashMap<>();
    Map<ModelRef, StatsWindow> s = new LinkedHashMap<>();
    for (var e : b.providers.entrySet()) {
      g.put(e.getKey(), ProviderGuard.of(e.getKey(), b.configs.getOrDefault(e.getKey(), b.defaultResilience)));
      for (ModelDescriptor md : e.getValue().models()) {
        ModelRef ref = new ModelRef(e.getKey(), md.id());
        if (!md.provider().equals(e.getKey())) {
          LOG.warn("model {} declares provider '{}' but is offered by '{}'; using '{}'", md.id(), md.provider(), e.getKey(), e.getKey());
          md = new ModelDescriptor(md.id(), e.getKey(), md.contextLength(), md.modalities(), md.supportsTools(),
              md.supportsJson(), md.costPer1kInputTokens(), md.costPer1kOutputTokens(), md.expectedLatency(), md.local());
        }
        d.put(ref, md);
        s.put(ref, new StatsWindow(ref, b.statsWindow));
      }
    }
    guards = Map.copyOf(g);
    descriptors = java.util.Collections.unmodifiableMap(d);
    stats = Map.copyOf(s);
    defaultStrategy = b.strategy;
    telemetry = b.telemetry;
    budgets = b.budgets;
    human = b.human;
    humanTimeout = b.humanTimeout;
    tokenCounter = b.tokenCounter;
  }

  /// Starts a builder.
  public static Builder builder() {
    return new Builder();
  }

  /// Every model of every provider, in registration order.
  public List<ModelDescriptor> models() {
    return List.copyOf(descriptors.values());
  }

  /// The registered providers by name.
  public Map<String, ModelProvider> providers() {
    return providers;
  }

  /// The measured statistics of one model.
  ///
  /// @throws IllegalArgumentException when the model is not registered
  public ModelStats stats(ModelRef model) {
    StatsWindow w = stats.get(model);
    if (w == null) {
      throw new IllegalArgumentException("unknown model " + model + "; registered: " + descriptors.keySet());
    }
    return w.snapshot();
  }

  /// The resilience guard of one provider.
  ///
  /// @throws IllegalArgumentException when the provider is not registered
  public ProviderGuard guard(String provider) {
    ProviderGuard g = guards.get(provider);
    if (g == null) {
      throw new IllegalArgumentException("unknown provider '" + provider + "'; registered: " + guards.keySet());
    }
    return g;
  }

  /// The budget ledger (spending per run, agent and task).
  public BudgetLedger budgets() {
    return budgets;
  }

  /// The default routing strategy.
  public RoutingStrategy defaultStrategy() {
    return defaultStrategy;
  }

  /// Estimated prompt tokens of a request.
  public long estimateInputTokens(ChatRequest request) {
    long n = 0;
    for (ChatMessage m : request.messages()) {
      n += tokenCounter.count(m.content()) + 4;
    }
    return n;
  }

  /// Decides where a request would go, without calling any model.
  ///
  /// @throws RoutingException when no model is eligible
  public RoutingDecision plan(ChatRequest request, CallContext context) {
    return route(request, context);
  }

  private RoutingDecision route(ChatRequest request, CallContext context) {
    RoutingStrategy strategy = context.strategy() != null ? context.strategy() : defaultStrategy;
    long inputTokens = estimateInputTokens(request);
    List<Candidate> candidates = new ArrayList<>();
    boolean anyOverBudget = false;
    for (var e : descriptors.entrySet()) {
      ModelRef ref = e.getKey();
      ModelDescriptor d = e.getValue();
      if (request.model() != null && !request.model().equals(ref.model()) && !request.model().equals(ref.toString())) {
        continue;
      }
      double estCost = d.cost(inputTokens, request.options().maxTokens());
      String unavailable = guards.get(ref.provider()).unavailableReason();
      if (unavailable == null && budgets.policy() == BudgetPolicy.SWITCH_TO_CHEAPER) {
        String over = budgets.wouldExceed(context, inputTokens + request.options().maxTokens(), estCost);
        if (over != null) {
          unavailable = "over budget: " + over;
          anyOverBudget = true;
        }
      }
      candidates.add(new Candidate(d, stats.get(ref).snapshot(), unavailable, inputTokens, estCost));
    }
    if (candidates.isEmpty()) {
      throw new RoutingException(strategy.name(), request.model() == null ? List.of()
          : descriptors.keySet().stream().map(r -> new CandidateVerdict(r, false, 0,
              "request asks for model '" + request.model() + "'")).toList());
    }
    try {
      return strategy.route(request, context, candidates);
    } catch (RoutingException e) {
      if (anyOverBudget && e.verdicts().stream().allMatch(v -> v.reason().startsWith("over budget"))) {
        throw new BudgetExceededException("every model would exceed the budget: "
            + e.verdicts().stream().map(CandidateVerdict::toString).reduce((a, b) -> a + "; " + b).orElse(""), null);
      }
      throw e;
    }
  }

  /// Routes and answers a request without streaming.
  ///
  /// @throws ModelCallException (or its [RoutingException] and [BudgetExceededException]
  ///         subtypes) listing every attempt when no model could answer within the deadline
  public RoutedResponse chat(ChatRequest request, CallContext context) {
    return chat(request, context, StreamingHandler.NONE);
  }

  /// Routes and answers a request, streaming tokens to `handler`. A failed stream falls back or
  /// retries only while no token has reached `handler`; no token is delivered twice.
  ///
  /// @throws ModelCallException listing every attempt when no model could answer within the deadline
  public RoutedResponse chat(ChatRequest request, CallContext context, StreamingHandler handler) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(handler, "handler");
    long deadline = System.nanoTime() + context.deadline().toNanos();
    RoutingDecision decision = route(request, context);
    checkBudget(request, context, decision);
    GenAiTelemetry.CallTrace trace = telemetry.start(request, context, decision,
        ModelRef::provider, (ref, r) -> costOf(ref, r, request));
    List<Attempt> attempts = new ArrayList<>();
    AttemptObserver observer = new AttemptObserver() {
      @Override
      public void started(ModelRef model, int number) {
        trace.started(model, number);
      }

      @Override
      public void finished(Attempt a, ChatResponse response, Duration ttft, Throwable error) {
        record(a, response, ttft);
        trace.finished(a, response, ttft, error);
      }
    };
    ProviderException last = null;
    for (ModelRef ref : decision.order()) {
      if (System.nanoTime() >= deadline) {
        break;
      }
      ChatModel model;
      try {
        model = open(ref);
      } catch (RuntimeException e) {
        last = StreamWatchdog.classify(ref, e);
        attempts.add(new Attempt(attempts.size() + 1, ref, Duration.ZERO, 0, last.kind(), 0, "cannot open: " + e.getMessage(), Duration.ZERO));
        continue;
      }
      try {
        ProviderGuard.Success r = guard(ref.provider()).call(ref, model, request, handler, deadline,
            context.sla().maxTimeToFirstToken(), context.sla().maxLatency(), attempts, observer);
        ChatResponse response = r.response();
        double cost = costOf(ref, response, request);
        budgets.charge(context, tokensOf(response, request), cost);
        trace.succeeded(response, attempts);
        handler.onComplete(response);
        return new RoutedResponse(response, decision, attempts, cost);
      } catch (RuntimeException callerFault) {
        trace.aborted(callerFault);
        throw callerFault;
      } catch (ProviderGuard.Outcome o) {
        last = o.error();
        if (o.delivered() > 0) {
          var ex = new ModelCallException(ref + " failed after streaming " + o.delivered()
              + " tokens to the caller; not falling back, so no token is delivered twice", last.kind(), attempts, decision, last);
          trace.failed(ex);
          throw ex;
        }
        LOG.debug("model {} failed ({}); {}", ref, last.kind(), "trying the next candidate if any");
      }
    }
    FailureKind kind = last == null ? FailureKind.DEADLINE_EXCEEDED
        : System.nanoTime() >= deadline ? FailureKind.DEADLINE_EXCEEDED : last.kind();
    var ex = new ModelCallException("no model answered (strategy " + decision.strategy() + ", deadline "
        + context.deadline().toMillis() + " ms)", kind, attempts, decision, last);
    trace.failed(ex);
    throw ex;
  }

  private void checkBudget(ChatRequest request, CallContext context, RoutingDecision decision) {
    if (budgets.policy() == BudgetPolicy.SWITCH_TO_CHEAPER) {
      return; // already filtered while routing
    }
    ModelDescriptor d = descriptors.get(decision.chosen());
    long inputTokens = estimateInputTokens(request);
    String over = budgets.wouldExceed(context, inputTokens + request.options().maxTokens(),
        d.cost(inputTokens, request.options().maxTokens()));
    if (over == null) {
      return;
    }
    if (budgets.policy() == BudgetPolicy.ASK_HUMAN) {
      HumanAnswer answer = human.ask(new HumanQuestion(context.runId(), "Allow a model call over budget?",
          "The call to " + decision.chosen() + " would exceed the " + over + ".\nRouting: " + decision.explain(),
          List.of("approve", "deny"), Map.of("task.id", context.taskId(), "agent.id", context.agentId(), "approval.kind", "budget")), humanTimeout);
      if (answer.approved()) {
        LOG.info("over-budget call to {} approved by a human: {}", decision.chosen(), answer.guidance());
        return;
      }
      throw new BudgetExceededException(over + (answer.timedOut() ? "; nobody approved within "
          + humanTimeout.toSeconds() + " s" : "; a human denied the call" + (answer.guidance().isEmpty() ? "" : ": " + answer.guidance())), decision);
    }
    throw new BudgetExceededException(over, decision);
  }

  private ChatModel open(ModelRef ref) {
    return opened.computeIfAbsent(ref, r -> providers.get(r.provider()).chatModel(r.model()));
  }

  private void record(Attempt a, ChatResponse response, Duration ttft) {
    StatsWindow w = stats.get(a.model());
    if (w == null) {
      return;
    }
    if (response != null) {
      Duration gen = response.usage().generationTime();
      if (gen.isZero()) {
        gen = ttft != null ? a.elapsed().minus(ttft) : a.elapsed();
      }
      w.success(a.elapsed(), ttft, response.usage().outputTokens(), gen);
    } else if (a.failure() != FailureKind.CIRCUIT_OPEN && a.failure() != FailureKind.BULKHEAD_FULL
        && a.failure() != FailureKind.RATE_LIMITER_FULL && a.failure() != FailureKind.INVALID_REQUEST) {
      w.failure(a.elapsed());
    }
  }

  private long tokensOf(ChatResponse response, ChatRequest request) {
    Usage u = response.usage();
    return u.totalTokens() > 0 ? u.totalTokens() : estimateInputTokens(request) + tokenCounter.count(response.text());
  }

  private double costOf(ModelRef ref, ChatResponse response, ChatRequest request) {
    ModelDescriptor d = descriptors.get(ref);
    if (d == null) {
      return 0;
    }
    Usage u = response.usage();
    if (u.totalTokens() == 0) {
      return d.cost(estimateInputTokens(request), tokenCounter.count(response.text()));
    }
    return d.cost(u.inputTokens(), u.outputTokens());
  }

  /// The model id of [#asChatModel(CallContext)]'s descriptor; a request that names it is routed
  /// as if it named no model.
  public static final String ROUTED_MODEL_ID = "routed";

  /// This registry as a plain [ChatModel] that routes every call under `context`, for
  /// [io.nootropic.api.agent.AgentContext#model()]. Its descriptor's id is [#ROUTED_MODEL_ID];
  /// a request naming that id (as adapters that fill in the model's own id do) is routed freely,
  /// and a request naming a registered model goes to that model.
  public ChatModel asChatModel(CallContext context) {
    ModelDescriptor routed = new ModelDescriptor(ROUTED_MODEL_ID, "nootropic-router",
        descriptors.values().stream().mapToInt(ModelDescriptor::contextLength).max().orElse(1),
        null, descriptors.values().stream().anyMatch(ModelDescriptor::supportsTools),
        descriptors.values().stream().anyMatch(ModelDescriptor::supportsJson), 0, 0, null, false);
    return new ChatModel() {
      @Override
      public ModelDescriptor descriptor() {
        return routed;
      }

      @Override
      public ChatResponse chat(ChatRequest request, StreamingHandler handler) {
        ChatRequest r = ROUTED_MODEL_ID.equals(request.model()) ? request.withModel(null) : request;
        return ModelRegistry.this.chat(r, context, handler).response();
      }
    };
  }

  /// Closes every provider.
  @Override
  public void close() {
    for (ModelProvider p : providers.values()) {
      try {
        p.close();
      } catch (RuntimeException e) {
        LOG.warn("closing provider {} failed", p.name(), e);
      }
    }
  }

  /// Builds a [ModelRegistry].
  public static final class Builder {
    private final Map<String, ModelProvider> providers = new LinkedHashMap<>();
    private final Map<String, ModelResilienceConfig> configs = new LinkedHashMap<>();
    private ModelResilienceConfig defaultResilience = ModelResilienceConfig.ofDefaults();
    private RoutingStrategy strategy = RoutingStrategy.localFirst();
    private GenAiTelemetry telemetry = GenAiTelemetry.noop();
    private BudgetLedger budgets = BudgetLedger.unlimited();
    private HumanInTheLoop human = HumanInTheLoop.NOBODY;
    private Duration humanTimeout = Duration.ofMinutes(5);
    private int statsWindow = 256;
    private TokenCounter tokenCounter = TokenCounter.APPROXIMATE;

    private Builder() { }

    /// Adds a provider with the default resilience.
    public Builder provider(ModelProvider provider) {
      return provider(provider, null);
    }

    /// Adds a provider with its own resilience configuration (`null` for the default).
    ///
    /// @throws IllegalArgumentException when a provider of the same name is registered
    public Builder provider(ModelProvider provider, ModelResilienceConfig config) {
      Objects.requireNonNull(provider, "provider");
      if (providers.putIfAbsent(provider.name(), provider) != null) {
        throw new IllegalArgumentException("a provider named '" + provider.name() + "' is already registered");
      }
      if (config != null) {
        configs.put(provider.name(), config);
      }
      return this;
    }

    /// Adds every [ModelProvider] found by [java.util.ServiceLoader] whose name is not registered yet,
    /// loaded as [Providers] loads: each isolated within the load budget, and of several
    /// providers with one name only the one the system property `nootropic.model-provider.NAME`
    /// names (none otherwise; each problem is logged).
    public Builder discoverProviders() {
      Providers.Result<ModelProvider, String> found = Providers.load(ModelProvider.class, ModelProvider::name,
          n -> n, PROVIDER_CHOICE_PREFIX);
      found.problems().forEach(p -> LOG.warn("model provider not loaded: {}", p.message()));
      for (ModelProvider p : found.instances()) {
        if (!providers.containsKey(p.name())) {
          provider(p);
        }
      }
      return this;
    }

    /// The resilience of providers registered without their own.
    public Builder defaultResilience(ModelResilienceConfig config) {
      this.defaultResilience = Objects.requireNonNull(config, "config");
      return this;
    }

    /// The strategy used when a call's context names none (default: local-first).
    public Builder strategy(RoutingStrategy strategy) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /// Where traces and metrics go (default: nowhere).
    public Builder telemetry(GenAiTelemetry telemetry) {
      this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
      return this;
    }

    /// Budgets and cost attribution (default: unlimited, attribution only).
    public Builder budgets(BudgetLedger budgets) {
      this.budgets = Objects.requireNonNull(budgets, "budgets");
      return this;
    }

    /// Who approves over-budget calls under [BudgetPolicy#ASK_HUMAN], and how long to wait.
    public Builder human(HumanInTheLoop human, Duration timeout) {
      this.human = Objects.requireNonNull(human, "human");
      this.humanTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /// How many recent calls per model the statistics cover (default 256).
    public Builder statsWindow(int calls) {
      if (calls <= 0) {
        throw new IllegalArgumentException("statsWindow must be > 0, was " + calls);
      }
      this.statsWindow = calls;
      return this;
    }

    /// How prompt tokens are estimated for routing and budgets.
    public Builder tokenCounter(TokenCounter counter) {
      this.tokenCounter = Objects.requireNonNull(counter, "counter");
      return this;
    }

    /// Builds the registry.
    public ModelRegistry build() {
      return new ModelRegistry(this);
    }
  }
}
