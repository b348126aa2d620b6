package io.nootropic.runtime.routing;

import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/// Traces and measures model calls with OpenTelemetry, following the GenAI semantic conventions.
///
/// Each routed call gets a `route {strategy}` span carrying the routing decision
/// (`nootropic.routing.*`), its task attribution and total cost; each attempt under it gets a
/// client span `chat {model}` with `gen_ai.operation.name`, `gen_ai.provider.name`,
/// `gen_ai.request.model`, `gen_ai.response.model`, `gen_ai.usage.input_tokens`,
/// `gen_ai.usage.output_tokens`, `gen_ai.response.finish_reasons`, `error.type` and
/// `nootropic.cost.usd`. Metrics: `gen_ai.client.token.usage`, `gen_ai.client.operation.duration`,
/// `nootropic.model.time_to_first_token` and `nootropic.cost.usd`. Message text is recorded
/// (`gen_ai.input.messages`, `gen_ai.output.messages`) only when `captureContent` is set.
public final class GenAiTelemetry {

  /// `gen_ai.operation.name`
  public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  /// `gen_ai.provider.name`
  public static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  /// `gen_ai.request.model`
  public static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  /// `gen_ai.response.model`
  public static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  /// `gen_ai.request.max_tokens`
  public static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  /// `gen_ai.request.temperature`
  public static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  /// `gen_ai.usage.input_tokens`
  public static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  /// `gen_ai.usage.output_tokens`
  public static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  /// `gen_ai.response.finish_reasons`
  public static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  /// `gen_ai.token.type` (metric attribute: `input` or `output`)
  public static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  /// `gen_ai.input.messages` (opt-in)
  public static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
  /// `gen_ai.output.messages` (opt-in)
  public static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
  /// `error.type`
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  /// `nootropic.cost.usd`
  public static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("nootropic.cost.usd");
  /// `nootropic.routing.strategy`
  public static final AttributeKey<String> ROUTING_STRATEGY = AttributeKey.stringKey("nootropic.routing.strategy");
  /// `nootropic.routing.chosen`
  public static final AttributeKey<String> ROUTING_CHOSEN = AttributeKey.stringKey("nootropic.routing.chosen");
  /// `nootropic.routing.reason`
  public static final AttributeKey<String> ROUTING_REASON = AttributeKey.stringKey("nootropic.routing.reason");
  /// `nootropic.routing.candidates`: one entry per candidate with its verdict
  public static final AttributeKey<List<String>> ROUTING_CANDIDATES = AttributeKey.stringArrayKey("nootropic.routing.candidates");
  /// `nootropic.attempt`
  public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("nootropic.attempt");
  /// `nootropic.attempts`: attempts made by the routed call
  public static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("nootropic.attempts");
  /// `nootropic.time_to_first_token_ms`
  public static final AttributeKey<Long> TTFT_MS = AttributeKey.longKey("nootropic.time_to_first_token_ms");
  /// `nootropic.run.id`
  public static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("nootropic.run.id");
  /// `nootropic.agent.id`
  public static final AttributeKey<String> AGENT_ID = AttributeKey.stringKey("nootropic.agent.id");
  /// `nootropic.task.id`
  public static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("nootropic.task.id");

  private static final String SCOPE = "io.nootropic.runtime";

  private final Tracer tracer;
  private final boolean captureContent;
  private final LongHistogram tokenUsage;
  private final DoubleHistogram duration;
  private final DoubleHistogram ttft;
  private final DoubleCounter cost;

  private GenAiTelemetry(OpenTelemetry otel, boolean captureContent) {
    this.tracer = otel.getTracer(SCOPE);
    this.captureContent = captureContent;
    Meter meter = otel.getMeter(SCOPE);
    tokenUsage = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
        .setDescription("Tokens used by model calls, by gen_ai.token.type").build();
    duration = meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
        .setDescription("Duration of model calls").build();
    ttft = meter.histogramBuilder("nootropic.model.time_to_first_token").setUnit("s")
        .setDescription("Time to the first streamed token").build();
    cost = meter.counterBuilder("nootropic.cost.usd").ofDoubles().setUnit("USD")
        .setDescription("Estimated US dollars spent on model calls").build();
  }

  /// Telemetry that records nothing.
  public static GenAiTelemetry noop() {
    return new GenAiTelemetry(OpenTelemetry.noop(), false);
  }

  /// Telemetry through the given OpenTelemetry; message text only if `captureContent`.
  public static GenAiTelemetry create(OpenTelemetry otel, boolean captureContent) {
    return new GenAiTelemetry(Objects.requireNonNull(otel, "otel"), captureContent);
  }

  /// Whether message text is recorded.
  public boolean capturesContent() {
    return captureContent;
  }

  /// Starts tracing one routed call.
  ///
  /// @param request     the request
  /// @param context     who is calling
  /// @param decision    the routing decision
  /// @param providerOf  maps a model to its provider's `gen_ai.provider.name`
  /// @param costOf      the cost of an answer
  public CallTrace start(ChatRequest request, CallContext context, RoutingDecision decision,
      Function<ModelRef, String> providerOf, java.util.function.ToDoubleBiFunction<ModelRef, ChatResponse> costOf) {
    Span route = tracer.spanBuilder("route " + decision.strategy()).setSpanKind(SpanKind.INTERNAL)
        .setAttribute(ROUTING_STRATEGY, decision.strategy())
        .setAttribute(ROUTING_CHOSEN, decision.chosen().toString())
        .setAttribute(ROUTING_REASON, decision.reason())
        .setAttribute(ROUTING_CANDIDATES, decision.verdicts().stream().map(CandidateVerdict::toString).toList())
        .setAttribute(RUN_ID, context.runId())
        .setAttribute(AGENT_ID, context.agentId())
        .setAttribute(TASK_ID, context.taskId())
        .startSpan();
    CallTrace trace = new CallTrace(route, request, context, providerOf, costOf);
    trace.metadata(context.metadata());
    return trace;
  }

  private static String messagesJson(List<ChatMessage> messages) {
    StringBuilder sb = new StringBuilder("[");
    for (ChatMessage m : messages) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append("{\"role\":\"").append(m.role().name().toLowerCase(Locale.ROOT)).append("\",\"content\":\"")
          .append(escape(m.content())).append("\"}");
    }
    return sb.append(']').toString();
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /// The trace of one routed call: observes its attempts and ends with [#succeeded] or [#failed].
  public final class CallTrace implements AttemptObserver {
    private final Span route;
    private final ChatRequest request;
    private final CallContext context;
    private final Function<ModelRef, String> providerOf;
    private final java.util.function.ToDoubleBiFunction<ModelRef, ChatResponse> costOf;
    private Span attempt;
    private double totalCost;

    private CallTrace(Span route, ChatRequest request, CallContext context, Function<ModelRef, String> providerOf,
        java.util.function.ToDoubleBiFunction<ModelRef, ChatResponse> costOf) {
      this.route = route;
      this.request = request;
      this.context = context;
      this.providerOf = providerOf;
      this.costOf = costOf;
    }

    @Override
    public void started(ModelRef model, int number) {
      var b = tracer.spanBuilder("chat " + model.model()).setSpanKind(SpanKind.CLIENT)
          .setParent(Context.current().with(route))
          .setAttribute(OPERATION, "chat")
          .setAttribute(PROVIDER, providerOf.apply(model))
          .setAttribute(REQUEST_MODEL, model.model())
          .setAttribute(REQUEST_MAX_TOKENS, (long) request.options().maxTokens())
          .setAttribute(REQUEST_TEMPERATURE, request.options().temperature())
          .setAttribute(ATTEMPT, (long) number)
          .setAttribute(TASK_ID, context.taskId());
      if (captureContent) {
        b.setAttribute(INPUT_MESSAGES, messagesJson(request.messages()));
      }
      attempt = b.startSpan();
    }

    @Override
    public void finished(Attempt a, ChatResponse response, Duration firstToken, Throwable error) {
      Span span = attempt;
      attempt = null;
      if (span == null) {
        return;
      }
      Attributes metricAttrs = Attributes.of(OPERATION, "chat", PROVIDER, providerOf.apply(a.model()),
          REQUEST_MODEL, a.model().model());
      duration.record(a.elapsed().toNanos() / 1e9, error == null ? metricAttrs
          : metricAttrs.toBuilder().put(ERROR_TYPE, a.failure().externalName()).build());
      if (response != null) {
        double c = costOf.applyAsDouble(a.model(), response);
        totalCost += c;
        span.setAttribute(RESPONSE_MODEL, response.model());
        span.setAttribute(INPUT_TOKENS, response.usage().inputTokens());
        span.setAttribute(OUTPUT_TOKENS, response.usage().outputTokens());
        span.setAttribute(FINISH_REASONS, List.of(response.finishReason().name().toLowerCase(Locale.ROOT)));
        span.setAttribute(COST_USD, c);
        if (captureContent) {
          span.setAttribute(OUTPUT_MESSAGES, "[{\"role\":\"assistant\",\"content\":\"" + escape(response.text()) + "\"}]");
        }
        tokenUsage.record(response.usage().inputTokens(), metricAttrs.toBuilder().put(TOKEN_TYPE, "input").build());
        tokenUsage.record(response.usage().outputTokens(), metricAttrs.toBuilder().put(TOKEN_TYPE, "output").build());
        cost.add(c, metricAttrs);
      }
      if (firstToken != null) {
        span.setAttribute(TTFT_MS, firstToken.toMillis());
        ttft.record(firstToken.toNanos() / 1e9, metricAttrs);
      }
      if (error != null) {
        span.setAttribute(ERROR_TYPE, a.failure().externalName());
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
      }
      span.end();
    }

    /// Ends the call's span with its answer.
    public void succeeded(ChatResponse response, List<Attempt> attempts) {
      route.setAttribute(PROVIDER, providerOf.apply(attempts.getLast().model()));
      route.setAttribute(RESPONSE_MODEL, response.model());
      route.setAttribute(INPUT_TOKENS, response.usage().inputTokens());
      route.setAttribute(OUTPUT_TOKENS, response.usage().outputTokens());
      route.setAttribute(FINISH_REASONS, List.of(response.finishReason().name().toLowerCase(Locale.ROOT)));
      route.setAttribute(COST_USD, totalCost);
      route.setAttribute(ATTEMPTS, (long) attempts.size());
      route.end();
    }

    /// Ends the call's span with its error.
    public void failed(ModelCallException error) {
      route.setAttribute(ERROR_TYPE, error.kind().externalName());
      route.setAttribute(ATTEMPTS, (long) error.attempts().size());
      route.setAttribute(COST_USD, totalCost);
      route.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
      route.end();
    }

    /// Ends the call's span when something other than the model failed (the caller's handler threw).
    public void aborted(Throwable error) {
      route.setAttribute(ERROR_TYPE, error.getClass().getName());
      route.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
      route.end();
    }

    /// Adds attributes from the call's metadata as `nootropic.meta.*`.
    void metadata(Map<String, String> metadata) {
      metadata.forEach((k, v) -> route.setAttribute("nootropic.meta." + k, v));
    }
  }
}
