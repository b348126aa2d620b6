package io.nootropic.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.agent.AgentContext;
import io.nootropic.api.agent.AgentException;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;
import io.nootropic.api.agent.CancellationToken;
import io.nootropic.api.event.Event;
import io.nootropic.api.event.EventSink;
import io.nootropic.api.memory.Memory;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.tool.Tools;
import io.nootropic.runtime.event.EventBus;
import io.nootropic.runtime.event.SubscriberOptions;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BaseAgentTest {

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .build();

  @AfterEach
  void close() {
    otel.close();
  }

  /// Upper-cases its input; "slow" sleeps until cancelled, "boom" throws.
  static final class Shouter extends BaseAgent<String, String> {
    Shouter(AgentOptions options) {
      super(options);
    }

    @Override
    public CapabilityDescriptor describe() {
      return CapabilityDescriptor.builder("test.shouter", CapabilityKind.AGENT).version("2.1.0").tags("text", "demo").build();
    }

    @Override
    protected AgentResponse<String> doExecute(AgentRequest<String> request, AgentInvocation inv) throws Exception {
      switch (request.input()) {
        case "slow" -> {
          while (!inv.cancellation().isCancelled()) {
            Thread.sleep(5);
          }
          throw new InterruptedException("stopped");
        }
        case "boom" -> throw new IllegalStateException("kaboom");
        default -> {
          inv.span().setAttribute("shouter.length", request.input().length());
          return AgentResponse.of(request.input().toUpperCase(java.util.Locale.ROOT), "shouted");
        }
      }
    }
  }

  record Ctx(EventSink events, CancellationToken cancellation) implements AgentContext {
    @Override public String runId() { return "run-7"; }
    @Override public ChatModel model() { return null; }
    @Override public Tools tools() { return null; }
    @Override public Memory memory() { return null; }
  }

  @Test
  void spanPerInvocationCarriesNameVersionAndCapabilities() {
    List<Event> events = new CopyOnWriteArrayList<>();
    Shouter a = new Shouter(AgentOptions.defaults().withOpenTelemetry(otel));
    AgentResponse<String> r = a.execute(AgentRequest.of("hi"), new Ctx(events::add, CancellationToken.NONE));
    a.execute(AgentRequest.of("again"), new Ctx(events::add, CancellationToken.NONE));
    assertThat(r.output()).isEqualTo("HI");
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(2);
    SpanData s = spans.getFirst();
    assertThat(s.getName()).isEqualTo("agent test.shouter");
    assertThat(s.getAttributes().get(BaseAgent.AGENT_NAME)).isEqualTo("test.shouter");
    assertThat(s.getAttributes().get(BaseAgent.AGENT_VERSION)).isEqualTo("2.1.0");
    assertThat(s.getAttributes().get(BaseAgent.AGENT_CAPABILITIES)).containsExactly("test.shouter", "text", "demo");
    assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
    assertThat(events).extracting(Event::topic)
        .containsExactly("agent.started", "agent.succeeded", "agent.started", "agent.succeeded");
    assertThat(((AgentEvent) events.get(1)).runId()).isEqualTo("run-7");
  }

  @Test
  void failureIsTypedRecordedOnTheSpanAndPublished() {
    EventBus bus = EventBus.create();
    List<AgentEvent> failed = new CopyOnWriteArrayList<>();
    bus.subscribe("agent.failed", AgentEvent.class, failed::add, SubscriberOptions.DEFAULT);
    Shouter a = new Shouter(AgentOptions.defaults().withOpenTelemetry(otel));
    assertThatThrownBy(() -> a.execute(AgentRequest.of("boom"), new Ctx(bus, CancellationToken.NONE)))
        .isInstanceOf(AgentException.class).hasMessageContaining("kaboom");
    bus.close();
    SpanData s = exporter.getFinishedSpanItems().getFirst();
    assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(s.getEvents()).anyMatch(e -> e.getName().equals("exception"));
    assertThat(failed).hasSize(1);
    assertThat(failed.getFirst().detail()).contains("kaboom");
  }

  @Test
  void timeoutInterruptsTheAgent() {
    List<Event> events = new CopyOnWriteArrayList<>();
    Shouter a = new Shouter(AgentOptions.defaults().withOpenTelemetry(otel));
    assertThatThrownBy(() -> a.execute(AgentRequest.of("slow").withTimeout(Duration.ofMillis(80)),
        new Ctx(events::add, CancellationToken.NONE)))
        .isInstanceOf(AgentTimeoutException.class).hasMessageContaining("80 ms");
    assertThat(events).extracting(Event::topic).containsExactly("agent.started", "agent.timed-out");
  }

  @Test
  void defaultTimeoutAppliesWhenTheRequestHasNone() {
    Shouter a = new Shouter(AgentOptions.defaults().withDefaultTimeout(Duration.ofMillis(50)));
    assertThatThrownBy(() -> a.execute(AgentRequest.of("slow"), new Ctx(EventSink.NONE, CancellationToken.NONE)))
        .isInstanceOf(AgentTimeoutException.class);
  }

  @Test
  void callerCancellationStopsTheAgent() {
    AtomicBoolean cancel = new AtomicBoolean();
    Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(60);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      cancel.set(true);
    });
    Shouter a = new Shouter(AgentOptions.defaults());
    assertThatThrownBy(() -> a.execute(AgentRequest.of("slow"), new Ctx(EventSink.NONE, cancel::get)))
        .isInstanceOf(AgentCancelledException.class);
  }

  @Test
  void withoutAnSdkTracingIsANoOp() {
    Shouter a = new Shouter(AgentOptions.defaults());
    assertThat(a.execute(AgentRequest.of("ok"), new Ctx(EventSink.NONE, CancellationToken.NONE)).output()).isEqualTo("OK");
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }
}
