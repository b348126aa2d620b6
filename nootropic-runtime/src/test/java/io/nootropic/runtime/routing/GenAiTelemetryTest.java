package io.nootropic.runtime.routing;

import io.nootropic.runtime.fake.FakeProvider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.model.ChatRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenAiTelemetryTest {

  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .build();
  final FakeProvider local = new FakeProvider("local").model("tiny", true, 0, 0, false, Duration.ofMillis(10));
  final FakeProvider remote = new FakeProvider("openai").model("gpt-x", false, 1.0, 2.0, false, Duration.ofMillis(100));
  final ModelResilienceConfig fast = ModelResilienceConfig.custom().maxAttempts(1).build();

  @AfterEach
  void close() {
    otel.close();
  }

  ModelRegistry registry(boolean captureContent) {
    return ModelRegistry.builder().provider(local, fast).provider(remote, fast).strategy(RoutingStrategy.localFirst())
        .telemetry(GenAiTelemetry.create(otel, captureContent)).build();
  }

  @Test
  void everyAttemptIsAGenAiClientSpanUnderARouteSpanWithTheDecisionAndCost() {
    local.script("tiny", FakeProvider.fail(FailureKind.SERVER_ERROR));
    remote.script("gpt-x", FakeProvider.answer("Hello", " world"));
    CallContext ctx = CallContext.DEFAULT.forTask("run-1", "coder", "task-7");

    registry(false).chat(ChatRequest.of("say hello"), ctx, t -> { });

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).hasSize(3);
    SpanData failed = finished.get(0);
    SpanData ok = finished.get(1);
    SpanData route = finished.get(2);

    assertThat(failed.getName()).isEqualTo("chat tiny");
    assertThat(failed.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failed.getAttributes().get(GenAiTelemetry.ERROR_TYPE)).isEqualTo("server_error");
    assertThat(failed.getAttributes().get(GenAiTelemetry.PROVIDER)).isEqualTo("local");

    assertThat(ok.getName()).isEqualTo("chat gpt-x");
    assertThat(ok.getParentSpanId()).isEqualTo(route.getSpanId());
    assertThat(ok.getAttributes().get(GenAiTelemetry.OPERATION)).isEqualTo("chat");
    assertThat(ok.getAttributes().get(GenAiTelemetry.PROVIDER)).isEqualTo("openai");
    assertThat(ok.getAttributes().get(GenAiTelemetry.REQUEST_MODEL)).isEqualTo("gpt-x");
    assertThat(ok.getAttributes().get(GenAiTelemetry.RESPONSE_MODEL)).isEqualTo("gpt-x");
    assertThat(ok.getAttributes().get(GenAiTelemetry.INPUT_TOKENS)).isEqualTo(9L); // the fake counts prompt chars
    assertThat(ok.getAttributes().get(GenAiTelemetry.OUTPUT_TOKENS)).isEqualTo(2L);
    assertThat(ok.getAttributes().get(GenAiTelemetry.FINISH_REASONS)).containsExactly("stop");
    // 9 input tokens at $1/1k + 2 output tokens at $2/1k
    assertThat(ok.getAttributes().get(GenAiTelemetry.COST_USD)).isCloseTo(0.013, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(ok.getAttributes().get(GenAiTelemetry.TTFT_MS)).isNotNull();
    assertThat(ok.getAttributes().get(GenAiTelemetry.INPUT_MESSAGES)).isNull();
    assertThat(ok.getAttributes().get(GenAiTelemetry.OUTPUT_MESSAGES)).isNull();

    assertThat(route.getName()).isEqualTo("route local-first");
    assertThat(route.getAttributes().get(GenAiTelemetry.ROUTING_STRATEGY)).isEqualTo("local-first");
    assertThat(route.getAttributes().get(GenAiTelemetry.ROUTING_CHOSEN)).isEqualTo("local/tiny");
    assertThat(route.getAttributes().get(GenAiTelemetry.ROUTING_CANDIDATES)).hasSize(2)
        .anySatisfy(c -> assertThat(c).startsWith("openai/gpt-x #2"));
    assertThat(route.getAttributes().get(GenAiTelemetry.TASK_ID)).isEqualTo("task-7");
    assertThat(route.getAttributes().get(GenAiTelemetry.ATTEMPTS)).isEqualTo(2L);
    assertThat(route.getAttributes().get(GenAiTelemetry.COST_USD)).isCloseTo(0.013, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void metricsRecordTokenUsageDurationAndCost() {
    remote.script("gpt-x", FakeProvider.answer("a", "b", "c"));
    registry(false).chat(ChatRequest.of("hi").withModel("gpt-x"), CallContext.DEFAULT);

    Map<String, MetricData> byName = new java.util.HashMap<>();
    metrics.collectAllMetrics().forEach(m -> byName.put(m.getName(), m));

    MetricData usage = byName.get("gen_ai.client.token.usage");
    assertThat(usage).isNotNull();
    assertThat(usage.getHistogramData().getPoints())
        .anySatisfy(p -> {
          assertThat(p.getAttributes().get(GenAiTelemetry.TOKEN_TYPE)).isEqualTo("output");
          assertThat(p.getSum()).isEqualTo(3.0);
        })
        .anySatisfy(p -> {
          assertThat(p.getAttributes().get(GenAiTelemetry.TOKEN_TYPE)).isEqualTo("input");
          assertThat(p.getSum()).isEqualTo(2.0);
        });
    assertThat(byName.get("gen_ai.client.operation.duration").getHistogramData().getPoints()).singleElement()
        .satisfies(p -> assertThat(p.getCount()).isEqualTo(1));
    assertThat(byName.get("nootropic.cost.usd").getDoubleSumData().getPoints()).singleElement()
        .satisfies(p -> assertThat(p.getValue()).isCloseTo(0.008, org.assertj.core.data.Offset.offset(1e-12)));
  }

  @Test
  void messageTextIsRecordedOnlyWhenTheHostOptsIn() {
    remote.script("gpt-x", FakeProvider.answer("the \"answer\""));
    registry(true).chat(ChatRequest.of("the question").withModel("gpt-x"), CallContext.DEFAULT);

    SpanData chat = spans.getFinishedSpanItems().getFirst();
    assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
        .isEqualTo("[{\"role\":\"user\",\"content\":\"the question\"}]");
    assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages")))
        .isEqualTo("[{\"role\":\"assistant\",\"content\":\"the \\\"answer\\\"\"}]");
  }

  @Test
  void aFailedCallMarksTheRouteSpanWithTheErrorType() {
    local.otherwise("tiny", FakeProvider.fail(FailureKind.AUTHENTICATION));
    remote.otherwise("gpt-x", FakeProvider.fail(FailureKind.INVALID_REQUEST));

    assertThatThrownBy(() -> registry(false).chat(ChatRequest.of("hi"), CallContext.DEFAULT)).isInstanceOf(ModelCallException.class);

    SpanData route = spans.getFinishedSpanItems().getLast();
    assertThat(route.getName()).startsWith("route");
    assertThat(route.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(route.getAttributes().get(GenAiTelemetry.ERROR_TYPE)).isEqualTo("invalid_request");
    assertThat(route.getAttributes().get(GenAiTelemetry.ATTEMPTS)).isEqualTo(2L);
  }
}
