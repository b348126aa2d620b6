package io.nootropic.langchain4j;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.runtime.routing.FailureKind;
import io.nootropic.runtime.routing.ProviderException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/// Registers LangChain4j chat models as a Nootropic [ModelProvider], so that any server or cloud
/// API LangChain4j supports (OpenAI-compatible servers such as vLLM, Ollama or llama.cpp's
/// server, and the hosted APIs) is routed, traced and budgeted by the
/// [io.nootropic.runtime.routing.ModelRegistry].
///
/// A model may have a blocking [dev.langchain4j.model.chat.ChatModel], a [StreamingChatModel], or
/// both; streaming calls use the streaming one when present. LangChain4j's exceptions are mapped
/// to [ProviderException]s (HTTP status, rate limit, timeout, authentication) so the registry's
/// resilience can act on them; set LangChain4j's own `maxRetries` to 0 to leave retries to it.
public final class LangChain4jModelProvider implements ModelProvider {

  private record Entry(ModelDescriptor descriptor, dev.langchain4j.model.chat.ChatModel blocking, StreamingChatModel streaming) { }

  private final String name;
  private final Map<String, Entry> models;

  private LangChain4jModelProvider(String name, Map<String, Entry> models) {
    this.name = name;
    this.models = Map.copyOf(models);
    this.order = List.copyOf(models.keySet());
  }

  private final List<String> order;

  /// Starts a builder for a provider with the given name.
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<ModelDescriptor> models() {
    return order.stream().map(id -> models.get(id).descriptor()).toList();
  }

  @Override
  public ChatModel chatModel(String modelId) {
    Entry e = models.get(modelId);
    if (e == null) {
      throw new ModelException("provider " + name + " has no model '" + modelId + "'; it offers " + order);
    }
    return new ChatModel() {
      @Override
      public ModelDescriptor descriptor() {
        return e.descriptor();
      }

      @Override
      public ChatResponse chat(ChatRequest request, StreamingHandler handler) {
        var lcRequest = Lc4j.toLc4j(request, null);
        long start = System.nanoTime();
        ChatResponse response;
        if (handler != StreamingHandler.NONE && e.streaming() != null || e.blocking() == null) {
          response = stream(e, lcRequest, handler, start);
        } else {
          try {
            response = Lc4j.fromLc4j(e.blocking().chat(lcRequest), modelId, Duration.ofNanos(System.nanoTime() - start));
          } catch (RuntimeException ex) {
            throw Lc4j.classify(name + "/" + modelId, ex);
          }
          if (!response.text().isEmpty()) {
            handler.onToken(response.text()); // a blocking model streams its answer as one piece
          }
        }
        handler.onComplete(response);
        return response;
      }
    };
  }

  private ChatResponse stream(Entry e, dev.langchain4j.model.chat.request.ChatRequest request, StreamingHandler handler, long start) {
    String model = name + "/" + e.descriptor().id();
    CompletableFuture<dev.langchain4j.model.chat.response.ChatResponse> done = new CompletableFuture<>();
    try {
      e.streaming().chat(request, new StreamingChatResponseHandler() {
        @Override
        public void onPartialResponse(String partial) {
          if (!done.isDone() && partial != null && !partial.isEmpty()) {
            handler.onToken(partial);
          }
        }

        @Override
        public void onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse response) {
          done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
          done.completeExceptionally(error);
        }
      });
      return Lc4j.fromLc4j(done.get(), e.descriptor().id(), Duration.ofNanos(System.nanoTime() - start));
    } catch (ExecutionException ex) {
      throw Lc4j.classify(model, ex.getCause());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      done.cancel(true);
      throw new ProviderException(FailureKind.DEADLINE_EXCEEDED, 0, null, model + ": interrupted", ex);
    } catch (RuntimeException ex) {
      throw Lc4j.classify(model, ex);
    }
  }

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("model.langchain4j." + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-"),
            CapabilityKind.MODEL_PROVIDER)
        .version("0.1.0").summary("LangChain4j chat models as a Nootropic provider: " + order)
        .tags("model", "langchain4j").build();
  }

  /// Builds a [LangChain4jModelProvider].
  public static final class Builder {
    private final String name;
    private final Map<String, Entry> models = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /// Adds a blocking model.
    public Builder chatModel(ModelDescriptor descriptor, dev.langchain4j.model.chat.ChatModel model) {
      return add(descriptor, Objects.requireNonNull(model, "model"), null);
    }

    /// Adds a streaming model.
    public Builder streamingChatModel(ModelDescriptor descriptor, StreamingChatModel model) {
      return add(descriptor, null, Objects.requireNonNull(model, "model"));
    }

    /// Adds a model with both a blocking and a streaming client.
    public Builder model(ModelDescriptor descriptor, dev.langchain4j.model.chat.ChatModel blocking, StreamingChatModel streaming) {
      return add(descriptor, Objects.requireNonNull(blocking, "blocking"), Objects.requireNonNull(streaming, "streaming"));
    }

    private Builder add(ModelDescriptor d, dev.langchain4j.model.chat.ChatModel blocking, StreamingChatModel streaming) {
      if (!d.provider().equals(name)) {
        throw new IllegalArgumentException("model " + d.id() + " declares provider '" + d.provider() + "', expected '" + name + "'");
      }
      if (models.putIfAbsent(d.id(), new Entry(d, blocking, streaming)) != null) {
        throw new IllegalArgumentException("model " + d.id() + " is already registered with provider " + name);
      }
      return this;
    }

    /// Builds the provider.
    public LangChain4jModelProvider build() {
      if (models.isEmpty()) {
        throw new IllegalArgumentException("provider " + name + " needs at least one model");
      }
      return new LangChain4jModelProvider(name, models);
    }
  }
}
