package io.nootropic.runtime.fake;

import io.nootropic.runtime.routing.FailureKind;
import io.nootropic.runtime.routing.ProviderException;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.api.model.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/// An in-process provider whose models follow a script: each call takes the next step.
public final class FakeProvider implements ModelProvider {

  /// One call's behaviour.
  public sealed interface Step permits Answer, Fail, Hang { }

  /// Streams `tokens` with `gap` between them, then answers.
  public record Answer(List<String> tokens, Duration firstDelay, Duration gap, RuntimeException failAfter) implements Step { }

  /// Throws after a delay.
  public record Fail(RuntimeException error, Duration delay) implements Step { }

  /// Never answers (until interrupted).
  public record Hang() implements Step { }

  public static Answer answer(String... tokens) {
    return new Answer(List.of(tokens), Duration.ZERO, Duration.ZERO, null);
  }

  public static Answer slow(Duration firstDelay, Duration gap, String... tokens) {
    return new Answer(List.of(tokens), firstDelay, gap, null);
  }

  public static Answer streamThenFail(RuntimeException error, String... tokens) {
    return new Answer(List.of(tokens), Duration.ZERO, Duration.ZERO, error);
  }

  public static Fail fail(FailureKind kind) {
    return new Fail(new ProviderException(kind, "scripted " + kind), Duration.ZERO);
  }

  public static Fail fail(RuntimeException e) {
    return new Fail(e, Duration.ZERO);
  }

  private final String name;
  private final List<ModelDescriptor> models = new ArrayList<>();
  private final Map<String, ConcurrentLinkedDeque<Step>> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, Step> fallbackStep = new ConcurrentHashMap<>();

  public FakeProvider(String name) {
    this.name = name;
  }

  /// Adds a model: context length 8192, no tools/JSON unless said, costs per 1k in/out.
  public FakeProvider model(String id, boolean local, double costIn, double costOut, boolean tools, Duration latency) {
    models.add(new ModelDescriptor(id, name, 8192, null, tools, tools, costIn, costOut, latency, local));
    scripts.put(id, new ConcurrentLinkedDeque<>());
    calls.put(id, new AtomicInteger());
    return this;
  }

  /// Queues steps for a model.
  public FakeProvider script(String id, Step... steps) {
    scripts.get(id).addAll(List.of(steps));
    return this;
  }

  /// What a model does once its script is used up (default: answer "ok").
  public FakeProvider otherwise(String id, Step step) {
    fallbackStep.put(id, step);
    return this;
  }

  public int calls(String id) {
    return calls.get(id).get();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<ModelDescriptor> models() {
    return List.copyOf(models);
  }

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("model." + name, CapabilityKind.MODEL_PROVIDER).summary("scripted test provider").build();
  }

  @Override
  public ChatModel chatModel(String modelId) {
    ModelDescriptor d = models.stream().filter(m -> m.id().equals(modelId)).findFirst()
        .orElseThrow(() -> new ModelException("unknown model " + modelId));
    return new ChatModel() {
      @Override
      public ModelDescriptor descriptor() {
        return d;
      }

      @Override
      public ChatResponse chat(ChatRequest request, StreamingHandler handler) {
        calls.get(modelId).incrementAndGet();
        Step step = scripts.get(modelId).poll();
        if (step == null) {
          step = fallbackStep.getOrDefault(modelId, answer("ok"));
        }
        try {
          switch (step) {
            case Fail f -> {
              sleep(f.delay());
              throw f.error();
            }
            case Hang h -> {
              Thread.sleep(Long.MAX_VALUE);
              throw new IllegalStateException("unreachable");
            }
            case Answer a -> {
              sleep(a.firstDelay());
              StringBuilder text = new StringBuilder();
              int n = Math.min(a.tokens().size(), request.options().maxTokens());
              FinishReason finish = n < a.tokens().size() ? FinishReason.LENGTH : FinishReason.STOP;
              int sent = 0;
              for (; sent < n; sent++) {
                if (sent > 0) {
                  sleep(a.gap());
                }
                if (Thread.currentThread().isInterrupted()) {
                  finish = FinishReason.CANCELLED; // the caller asked to stop
                  break;
                }
                handler.onToken(a.tokens().get(sent));
                text.append(a.tokens().get(sent));
              }
              if (a.failAfter() != null) {
                throw a.failAfter();
              }
              long in = request.messages().stream().mapToLong(m -> m.content().length()).sum();
              ChatResponse response = new ChatResponse(modelId, text.toString(), List.of(), finish,
                  new Usage(in, sent, Duration.ZERO, Duration.ZERO));
              handler.onComplete(response);
              return response;
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ModelException(modelId + " interrupted", e);
        }
      }
    };
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isZero()) {
      Thread.sleep(d);
    }
  }
}
