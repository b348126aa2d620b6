package io.nootropic.openai;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.openai.OpenAiChatClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/// A provider for any server speaking the OpenAI-compatible chat completions API (vLLM, Ollama,
/// llama.cpp's server, cloud APIs), with JSON and server-sent-event streaming.
///
/// It exposes what resilience needs and LangChain4j's OpenAI module does not: the Retry-After
/// header (seconds or HTTP date), the HTTP status, time to first byte, idle reads, and
/// classified stream faults ([io.nootropic.runtime.routing.FailureKind]). Every failure is a
/// [io.nootropic.runtime.routing.ProviderException]; retries
/// are left to the registry's [io.nootropic.runtime.routing.ProviderGuard].
public final class OpenAiCompatibleProvider implements ModelProvider {

  private final String name;
  private final List<ModelDescriptor> models;
  private final OpenAiChatClient client;

  private OpenAiCompatibleProvider(Builder b) {
    this.name = b.name;
    this.models = List.copyOf(b.models);
    this.client = new OpenAiChatClient(b.baseUrl, b.apiKey, b.headers, b.connectTimeout, b.firstByteTimeout,
        b.readIdleTimeout, b.clock);
  }

  /// Starts a builder for a provider named `name` at `baseUrl` (e.g. `http://127.0.0.1:8080/v1`).
  public static Builder builder(String name, URI baseUrl) {
    return new Builder(name, baseUrl);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<ModelDescriptor> models() {
    return models;
  }

  @Override
  public ChatModel chatModel(String modelId) {
    ModelDescriptor d = models.stream().filter(m -> m.id().equals(modelId)).findFirst()
        .orElseThrow(() -> new ModelException("provider " + name + " has no model '" + modelId + "'; it offers "
            + models.stream().map(ModelDescriptor::id).toList()));
    return new ChatModel() {
      @Override
      public ModelDescriptor descriptor() {
        return d;
      }

      @Override
      public ChatResponse chat(ChatRequest request, StreamingHandler handler) {
        ChatResponse response = client.chat(modelId, request, handler);
        handler.onComplete(response);
        return response;
      }
    };
  }

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("model.openai-compatible." + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "-"),
            CapabilityKind.MODEL_PROVIDER)
        .version("0.1.0")
        .summary("OpenAI-compatible chat completions over HTTP (JSON and SSE streaming)")
        .tags("model", "openai", "http", "remote")
        .build();
  }

  /// Builds an [OpenAiCompatibleProvider].
  public static final class Builder {
    private final String name;
    private final URI baseUrl;
    private final List<ModelDescriptor> models = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration firstByteTimeout = Duration.ofSeconds(60);
    private Duration readIdleTimeout = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();

    private Builder(String name, URI baseUrl) {
      this.name = Objects.requireNonNull(name, "name");
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /// Offers a model; its descriptor's provider must be this provider's name.
    public Builder model(ModelDescriptor descriptor) {
      if (!descriptor.provider().equals(name)) {
        throw new IllegalArgumentException("model " + descriptor.id() + " declares provider '" + descriptor.provider()
            + "', expected '" + name + "'");
      }
      models.add(descriptor);
      return this;
    }

    /// The bearer token; `null` or empty sends none.
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /// An extra header on every request.
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /// Time limits: TCP connect, first byte of the response, longest silence while reading.
    public Builder timeouts(Duration connect, Duration firstByte, Duration readIdle) {
      this.connectTimeout = Objects.requireNonNull(connect, "connect");
      this.firstByteTimeout = Objects.requireNonNull(firstByte, "firstByte");
      this.readIdleTimeout = Objects.requireNonNull(readIdle, "readIdle");
      return this;
    }

    /// The clock that turns an HTTP-date Retry-After into a wait.
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /// Builds the provider.
    public OpenAiCompatibleProvider build() {
      if (models.isEmpty()) {
        throw new IllegalArgumentException("provider " + name + " needs at least one model");
      }
      return new OpenAiCompatibleProvider(this);
    }
  }
}
