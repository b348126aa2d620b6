package io.nootropic.cli.routing;

import io.nootropic.cli.common.CliFiles;
import io.nootropic.cli.common.GenerationFlags;
import io.nootropic.cli.common.Progress;
import io.nootropic.cli.common.ConsoleHumanInTheLoop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.runtime.routing.Attempt;
import io.nootropic.runtime.routing.Budget;
import io.nootropic.runtime.routing.BudgetLedger;
import io.nootropic.runtime.routing.BudgetPolicy;
import io.nootropic.runtime.routing.CallContext;
import io.nootropic.runtime.routing.CandidateVerdict;
import io.nootropic.runtime.routing.ModelCallException;
import io.nootropic.runtime.routing.ModelRegistry;
import io.nootropic.openai.OpenAiCompatibleProvider;
import io.nootropic.runtime.routing.RoutedResponse;
import io.nootropic.runtime.routing.RoutingStrategy;
import io.nootropic.runtime.routing.Sla;
import io.nootropic.runtime.routing.Spend;
import io.nootropic.runtime.routing.GenAiTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic route PROMPT`: one routed, traced, budgeted model call through the
/// [ModelRegistry]. Providers come from [java.util.ServiceLoader] (the local engine when
/// nootropic-inference offers one) plus an optional OpenAI-compatible `--remote` endpoint. Prints
/// the answer, the routing decision with every candidate's verdict, the attempts, usage and cost,
/// and the OpenTelemetry spans the call produced.
@Command(
    name = "route",
    mixinStandardHelpOptions = true,
    description = {"Routes one prompt through the model registry (local-first, cheapest or complexity) as a chat"
        + " message: the answer goes to standard output; the decision, usage, cost and spans to standard error.",
        "The generation flags are generate's (llama.cpp's names and defaults)."})
public final class RouteCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "The prompt (words are joined with spaces), if -p is not given.")
  List<String> words = new ArrayList<>();

  @Option(names = {"-p", "--prompt"}, paramLabel = "TEXT", description = "The prompt.")
  String prompt;

  @Option(names = "--route", defaultValue = "local-first", paramLabel = "STRATEGY",
      description = "local-first, cheapest or complexity (default: ${DEFAULT-VALUE}).")
  String route;

  @Option(names = {"-m", "--model"}, paramLabel = "REF",
      description = "A GGUF file or a folder of them, served by the in-process 'local' provider (repeatable; default:"
          + " the NOOTROPIC_MODELS environment variable); or the id of the one model to ask (`provider/model` or its id).")
  List<String> models = new ArrayList<>();

  @Option(names = "--remote", paramLabel = "URL",
      description = "An OpenAI-compatible endpoint to add as provider 'remote', e.g. http://127.0.0.1:8080/v1.")
  URI remote;

  @Option(names = "--remote-model", paramLabel = "ID[:IN:OUT]", split = ",",
      description = "Models of --remote, each with optional US dollars per 1k input and output tokens.")
  List<String> remoteModels = new ArrayList<>();

  @Option(names = "--remote-api-key-env", paramLabel = "VAR",
      description = "Name of the environment variable holding the remote API key (never the key itself).")
  String remoteKeyEnv;

  @Mixin GenerationFlags generation = new GenerationFlags();

  @Option(names = "--deadline-ms", defaultValue = "120000", description = "Deadline of the whole call (default: ${DEFAULT-VALUE}).")
  long deadlineMs;

  @Option(names = "--sla-ttft-ms", description = "Fall back when a model's first token takes longer.")
  Long slaTtftMs;

  @Option(names = "--sla-latency-ms", description = "Skip models whose measured or declared latency is higher.")
  Long slaLatencyMs;

  @Option(names = "--run-id", defaultValue = "cli", description = "Run the cost is attributed to (default: ${DEFAULT-VALUE}).")
  String runId;

  @Option(names = "--agent-id", defaultValue = "cli", description = "Agent the cost is attributed to (default: ${DEFAULT-VALUE}).")
  String agentId;

  @Option(names = "--task-id", defaultValue = "route", description = "Task the cost is attributed to (default: ${DEFAULT-VALUE}).")
  String taskId;

  @Option(names = "--budget-usd", description = "Budget of the run in US dollars.")
  Double budgetUsd;

  @Option(names = "--budget-tokens", description = "Budget of the run in tokens.")
  Long budgetTokens;

  @Option(names = "--budget-policy", defaultValue = "fail", paramLabel = "POLICY",
      description = "fail, switch-to-cheaper or ask-human (asks on this terminal) (default: ${DEFAULT-VALUE}).")
  String budgetPolicy;

  @Option(names = "--stream", description = "Print tokens as they arrive.")
  boolean stream;

  @Option(names = "--no-spans", description = "Leave the spans out of the report.")
  boolean noSpans;

  @Option(names = "--capture-content", description = "Record prompt and completion text on the spans.")
  boolean captureContent;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  /// Creates the command; picocli fills in the fields.
  public RouteCommand() { }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<SpanData> spans = new CopyOnWriteArrayList<>();
    SpanExporter collector = new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> batch) {
        spans.addAll(batch);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    if ((budgetTokens != null && budgetTokens < 0) || (budgetUsd != null && !(budgetUsd >= 0))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--budget-tokens and --budget-usd must be >= 0");
    }
    if (deadlineMs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--deadline-ms must be at least 1, was " + deadlineMs);
    }
    Budget runBudget = new Budget(budgetTokens == null ? Long.MAX_VALUE : budgetTokens,
        budgetUsd == null ? Double.POSITIVE_INFINITY : budgetUsd);
    RoutingStrategy strategy;
    BudgetPolicy policy;
    try {
      strategy = RoutingStrategy.forName(route);
      policy = BudgetPolicy.forName(budgetPolicy);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    String text = prompt != null ? prompt : String.join(" ", words);
    if (text.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give a prompt: -p TEXT or words after the options");
    }
    if (prompt != null && !words.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give the prompt once: -p TEXT or words, not both");
    }
    GenerationOptions options = generation.toOptions(spec);
    List<java.nio.file.Path> local = new ArrayList<>();
    String model = null;
    for (String ref : models) {
      java.nio.file.Path p = java.nio.file.Path.of(ref);
      if (java.nio.file.Files.exists(p) || ref.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
        local.add(CliFiles.requireExisting(p, "--model"));
      } else if (model == null) {
        model = ref;
      } else {
        throw new CommandLine.ParameterException(spec.commandLine(), "ask for one model id at most (-m " + model
            + " and -m " + ref + "); add GGUF files with more -m FILE");
      }
    }
    BudgetLedger ledger = new BudgetLedger(runBudget, Budget.UNLIMITED, policy);
    try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(collector)).build())
        .build()) {
      ModelRegistry.Builder b = ModelRegistry.builder();
      io.nootropic.inference.LocalModelProvider localProvider = null;
      if (!local.isEmpty()) {
        localProvider = new io.nootropic.inference.LocalModelProvider(local);
        b.provider(localProvider);
      }
      b.discoverProviders()
          .strategy(strategy)
          .telemetry(GenAiTelemetry.create(otel, captureContent))
          .budgets(ledger)
          .human(new ConsoleHumanInTheLoop(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), err),
              Duration.ofSeconds(60));
      if (remote != null) {
        b.provider(remoteProvider());
      }
      try (ModelRegistry registry = b.build()) {
        if (registry.models().isEmpty()) {
          if (localProvider != null) {
            localProvider.problems().forEach((path, why) -> err.println("error: --model " + path + ": " + why));
          }
          err.println("error: no model provider found: pass -m FILE.gguf (or set NOOTROPIC_MODELS) or --remote URL --remote-model ID");
          return 2;
        }
        ChatRequest request = ChatRequest.of(text).withOptions(options);
        if (model != null) {
          request = request.withModel(model);
        }
        CallContext ctx = CallContext.DEFAULT.forTask(runId, agentId, taskId)
            .withDeadline(Duration.ofMillis(deadlineMs))
            .withSla(new Sla(slaLatencyMs == null ? null : Duration.ofMillis(slaLatencyMs),
                slaTtftMs == null ? null : Duration.ofMillis(slaTtftMs), 1.0));
        StreamingHandler handler = stream && !json ? t -> {
          out.print(t);
          out.flush();
        } : StreamingHandler.NONE;
        RoutedResponse r;
        try {
          r = registry.chat(request, ctx, handler);
        } catch (ModelCallException e) {
          err.println("error: " + e.getMessage());
          if (!noSpans) {
            printSpans(spans, err);
          }
          return 1;
        }
        Spend spent = ledger.spentByTask(runId, taskId);
        if (json) {
          out.print(toJson(r, spent, spans));
        } else {
          if (!stream) {
            out.print(r.response().text());
          }
          out.println();
          out.flush();
          if (!Progress.quiet(spec)) {
            err.println("routing: " + r.decision().explain());
            err.println("attempts:");
            for (Attempt a : r.attempts()) {
              err.println("  " + a.summary());
            }
            var u = r.response().usage();
            err.printf(Locale.ROOT, "usage: %d input + %d output tokens, finish %s, cost $%.6f (task %s of run %s: %d calls, $%.6f)%n",
                u.inputTokens(), u.outputTokens(), r.response().finishReason().name().toLowerCase(Locale.ROOT), r.costUsd(),
                taskId, runId, spent.calls(), spent.costUsd());
            if (!noSpans) {
              printSpans(spans, err);
            }
            err.flush();
          }
        }
        out.flush();
        return 0;
      }
    }
  }

  private OpenAiCompatibleProvider remoteProvider() {
    if (remoteModels.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--remote needs at least one --remote-model");
    }
    var b = OpenAiCompatibleProvider.builder("remote", remote);
    for (String m : remoteModels) {
      String[] parts = m.split(":");
      if (parts.length != 1 && parts.length != 3) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--remote-model wants ID or ID:IN:OUT, got '" + m + "'");
      }
      double in = parts.length == 3 ? Double.parseDouble(parts[1]) : 0;
      double outCost = parts.length == 3 ? Double.parseDouble(parts[2]) : 0;
      b.model(new ModelDescriptor(parts[0], "remote", 32768, null, true, true, in, outCost, Duration.ofMillis(500), false));
    }
    if (remoteKeyEnv != null) {
      b.apiKey(System.getenv(remoteKeyEnv));
    }
    return b.build();
  }

  private static void printSpans(List<SpanData> spans, PrintWriter out) {
    out.println("spans:");
    for (SpanData s : spans) {
      out.printf(Locale.ROOT, "  %-28s %6.1f ms  %s%n", s.getName(), (s.getEndEpochNanos() - s.getStartEpochNanos()) / 1e6,
          s.getAttributes().asMap().entrySet().stream()
              .filter(e -> e.getKey().getKey().startsWith("gen_ai.") || e.getKey().getKey().equals("error.type")
                  || e.getKey().getKey().equals("nootropic.cost.usd") || e.getKey().getKey().equals("nootropic.routing.chosen"))
              .map(e -> e.getKey().getKey() + "=" + e.getValue())
              .sorted().reduce((a, c) -> a + " " + c).orElse(""));
    }
  }

  private static String toJson(RoutedResponse r, Spend spent, List<SpanData> spans) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    root.put("text", r.response().text());
    root.put("model", r.answeredBy().toString());
    ObjectNode d = root.putObject("decision");
    d.put("strategy", r.decision().strategy());
    d.put("chosen", r.decision().chosen().toString());
    d.put("reason", r.decision().reason());
    ArrayNode cands = d.putArray("candidates");
    for (CandidateVerdict v : r.decision().verdicts()) {
      cands.addObject().put("model", v.model().toString()).put("eligible", v.eligible()).put("rank", v.rank()).put("reason", v.reason());
    }
    ArrayNode attempts = root.putArray("attempts");
    for (Attempt a : r.attempts()) {
      attempts.addObject().put("number", a.number()).put("model", a.model().toString())
          .put("failure", a.failure() == null ? null : a.failure().externalName()).put("elapsedMs", a.elapsed().toMillis());
    }
    var u = r.response().usage();
    root.putObject("usage").put("inputTokens", u.inputTokens()).put("outputTokens", u.outputTokens())
        .put("finishReason", r.response().finishReason().name().toLowerCase(Locale.ROOT)).put("costUsd", r.costUsd());
    root.putObject("taskSpend").put("calls", spent.calls()).put("tokens", spent.tokens()).put("costUsd", spent.costUsd());
    ArrayNode sp = root.putArray("spans");
    for (SpanData s : spans) {
      ObjectNode o = sp.addObject().put("name", s.getName()).put("durationMs", (s.getEndEpochNanos() - s.getStartEpochNanos()) / 1e6);
      ObjectNode attrs = o.putObject("attributes");
      for (Map.Entry<io.opentelemetry.api.common.AttributeKey<?>, Object> e : s.getAttributes().asMap().entrySet()) {
        attrs.put(e.getKey().getKey(), String.valueOf(e.getValue()));
      }
    }
    try {
      return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
