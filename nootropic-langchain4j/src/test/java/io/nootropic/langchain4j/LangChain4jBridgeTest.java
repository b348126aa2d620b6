package io.nootropic.langchain4j;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import io.nootropic.api.JsonSchema;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.tool.ToolCall;
import io.nootropic.api.tool.ToolDefinition;
import io.nootropic.runtime.routing.Attempt;
import io.nootropic.runtime.routing.CallContext;
import io.nootropic.runtime.routing.FailureKind;
import io.nootropic.runtime.fake.FakeProvider;
import io.nootropic.runtime.routing.ModelCallException;
import io.nootropic.runtime.routing.ModelRegistry;
import io.nootropic.runtime.routing.RoutedResponse;
import io.nootropic.runtime.routing.ModelResilienceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LangChain4jBridgeTest {

  static final ModelDescriptor REMOTE = new ModelDescriptor("gpt-lc", "lc", 16384, null, true, true, 0.001, 0.002,
      Duration.ofMillis(100), false);
  static final ModelResilienceConfig FAST = ModelResilienceConfig.custom()
      .backoff(Duration.ofMillis(1), 2, 0, Duration.ofMillis(2)).build();

  @Test
  void aLangChain4jChatModelAnswersThroughTheRegistryWithMessagesToolsAndOptionsConverted() {
    AtomicReference<dev.langchain4j.model.chat.request.ChatRequest> seen = new AtomicReference<>();
    dev.langchain4j.model.chat.ChatModel lc = new dev.langchain4j.model.chat.ChatModel() {
      @Override
      public dev.langchain4j.model.chat.response.ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
        seen.set(request);
        return dev.langchain4j.model.chat.response.ChatResponse.builder()
            .aiMessage(AiMessage.from(ToolExecutionRequest.builder().id("c9").name("read_file").arguments("{\"path\":\"A.java\"}").build()))
            .modelName("gpt-lc-2026").tokenUsage(new TokenUsage(30, 5))
            .finishReason(dev.langchain4j.model.output.FinishReason.TOOL_EXECUTION).build();
      }
    };
    var provider = LangChain4jModelProvider.builder("lc").chatModel(REMOTE, lc).build();
    ModelRegistry registry = ModelRegistry.builder().provider(provider, FAST).build();
    ChatRequest request = new ChatRequest(null, List.of(
        ChatMessage.system("be brief"),
        ChatMessage.user("open A"),
        new ChatMessage(io.nootropic.api.model.Role.ASSISTANT, "", List.of(new ToolCall("c1", "list", "{}")), null),
        ChatMessage.tool("c1", "A.java"),
        ChatMessage.user("now read it")),
        GenerationOptions.DEFAULTS.withMaxTokens(64).withTemperature(0.3),
        List.of(new ToolDefinition("read_file", "reads a file", JsonSchema.of(
            "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\",\"description\":\"relative\"},"
                + "\"mode\":{\"enum\":[\"text\",\"bytes\"]}},\"required\":[\"path\"]}"))));

    RoutedResponse r = registry.chat(request, CallContext.DEFAULT);

    var lcReq = seen.get();
    assertThat(lcReq.messages()).hasSize(5);
    assertThat(lcReq.messages().get(0)).isInstanceOf(SystemMessage.class);
    assertThat(lcReq.messages().get(2)).isInstanceOfSatisfying(AiMessage.class,
        a -> assertThat(a.toolExecutionRequests()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("list")));
    assertThat(lcReq.messages().get(3)).isInstanceOfSatisfying(ToolExecutionResultMessage.class, t -> {
      assertThat(t.id()).isEqualTo("c1");
      assertThat(t.toolName()).isEqualTo("list");
      assertThat(t.text()).isEqualTo("A.java");
    });
    assertThat(lcReq.maxOutputTokens()).isEqualTo(64);
    assertThat(lcReq.temperature()).isEqualTo(0.3);
    ToolSpecification spec = lcReq.toolSpecifications().getFirst();
    assertThat(spec.name()).isEqualTo("read_file");
    assertThat(spec.parameters().properties()).containsOnlyKeys("path", "mode");
    assertThat(spec.parameters().required()).containsExactly("path");

    assertThat(r.response().toolCalls()).containsExactly(new ToolCall("c9", "read_file", "{\"path\":\"A.java\"}"));
    assertThat(r.response().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.response().model()).isEqualTo("gpt-lc-2026");
    assertThat(r.response().usage().inputTokens()).isEqualTo(30);
    assertThat(r.costUsd()).isEqualTo(REMOTE.cost(30, 5));
  }

  @Test
  void langChain4jFailuresAreClassifiedSoTheRegistryRetriesOnlyWhatMayHeal() {
    AtomicInteger calls = new AtomicInteger();
    dev.langchain4j.model.chat.ChatModel flaky = new dev.langchain4j.model.chat.ChatModel() {
      @Override
      public dev.langchain4j.model.chat.response.ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
        return switch (calls.incrementAndGet()) {
          case 1 -> throw new RateLimitException("slow down");
          case 2 -> throw new HttpException(503, "unavailable");
          case 3 -> dev.langchain4j.model.chat.response.ChatResponse.builder().aiMessage(AiMessage.from("fine")).build();
          default -> throw new HttpException(401, "bad key");
        };
      }
    };
    ModelRegistry registry = ModelRegistry.builder()
        .provider(LangChain4jModelProvider.builder("lc").chatModel(REMOTE, flaky).build(), FAST).build();

    RoutedResponse r = registry.chat(ChatRequest.of("hi"), CallContext.DEFAULT);
    assertThat(r.attempts()).extracting(Attempt::failure).containsExactly(FailureKind.RATE_LIMITED, FailureKind.SERVER_ERROR, null);
    assertThat(r.attempts().get(1).httpStatus()).isEqualTo(503);
    assertThat(r.response().text()).isEqualTo("fine");

    assertThatThrownBy(() -> registry.chat(ChatRequest.of("hi"), CallContext.DEFAULT))
        .isInstanceOfSatisfying(ModelCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
          assertThat(e.attempts()).hasSize(1);
        });
  }

  @Test
  void aLangChain4jStreamingModelStreamsTokensThroughTheRegistry() {
    StreamingChatModel streaming = new StreamingChatModel() {
      @Override
      public void doChat(dev.langchain4j.model.chat.request.ChatRequest request, StreamingChatResponseHandler handler) {
        Thread.ofVirtual().start(() -> {
          handler.onPartialResponse("Hel");
          handler.onPartialResponse("lo");
          handler.onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse.builder()
              .aiMessage(AiMessage.from("Hello")).tokenUsage(new TokenUsage(3, 2)).build());
        });
      }
    };
    ModelRegistry registry = ModelRegistry.builder()
        .provider(LangChain4jModelProvider.builder("lc").streamingChatModel(REMOTE, streaming).build(), FAST).build();
    List<String> tokens = new ArrayList<>();

    RoutedResponse r = registry.chat(ChatRequest.of("hi"), CallContext.DEFAULT, tokens::add);

    assertThat(tokens).containsExactly("Hel", "lo");
    assertThat(r.response().text()).isEqualTo("Hello");
    assertThat(r.response().usage().outputTokens()).isEqualTo(2);
  }

  @Test
  void aNootropicModelIsALangChain4jChatAndStreamingModel() throws Exception {
    FakeProvider local = new FakeProvider("local").model("tiny", true, 0, 0, true, Duration.ZERO);
    local.script("tiny", FakeProvider.answer("Hi", " there"), FakeProvider.answer("a", "b", "c"));
    NootropicLangChain4jModel lc = NootropicLangChain4jModel.of(local.chatModel("tiny"));

    String blocking = lc.chat("hello");
    assertThat(blocking).isEqualTo("Hi there");

    List<String> partials = new ArrayList<>();
    CompletableFuture<dev.langchain4j.model.chat.response.ChatResponse> done = new CompletableFuture<>();
    var request = dev.langchain4j.model.chat.request.ChatRequest.builder()
        .messages(UserMessage.from("go"))
        .toolSpecifications(ToolSpecification.builder().name("grep").description("search")
            .parameters(JsonObjectSchema.builder().addStringProperty("pattern").required("pattern").build()).build())
        .build();
    lc.chat(request, new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        partials.add(partial);
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
    var response = done.get(5, TimeUnit.SECONDS);

    assertThat(partials).containsExactly("a", "b", "c");
    assertThat(response.aiMessage().text()).isEqualTo("abc");
    assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(3);

    // the tool specification reached the Nootropic side as a JSON Schema
    ChatRequest converted = Lc4j.fromLc4j(request);
    assertThat(converted.tools()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("grep");
      assertThat(t.parameters().json()).contains("\"pattern\"").contains("\"required\":[\"pattern\"]");
    });
  }

  @Test
  void theRegistrysRoutedModelWorksThroughTheBridgeBlockingAndStreaming() throws Exception {
    // regression: the bridge fills in the model's own id ("routed"), which the registry took for a
    // request for a model named 'routed' and refused on every call
    FakeProvider local = new FakeProvider("local").model("tiny", true, 0, 0, false, Duration.ZERO);
    local.script("tiny", FakeProvider.answer("routed", " fine"), FakeProvider.answer("x", "y"));
    ModelRegistry registry = ModelRegistry.builder().provider(local, FAST).build();
    NootropicLangChain4jModel lc = NootropicLangChain4jModel.of(registry.asChatModel(CallContext.DEFAULT));

    assertThat(lc.chat("hello")).isEqualTo("routed fine");

    List<String> partials = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<dev.langchain4j.model.chat.response.ChatResponse> done = new CompletableFuture<>();
    lc.chat("again", new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        partials.add(partial);
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
    assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("xy");
    assertThat(partials).containsExactly("x", "y");
  }

  @Test
  void aNootropicModelFailureReachesTheStreamingHandlerAsOneError() throws Exception {
    FakeProvider local = new FakeProvider("local").model("tiny", true, 0, 0, false, Duration.ZERO);
    local.script("tiny", FakeProvider.fail(FailureKind.MODEL_ERROR));
    CompletableFuture<Throwable> error = new CompletableFuture<>();

    NootropicLangChain4jModel.of(local.chatModel("tiny")).chat("x", new StreamingChatResponseHandler() {
      @Override
      public void onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse response) {
        error.complete(null);
      }

      @Override
      public void onError(Throwable t) {
        error.complete(t);
      }
    });

    assertThat(error.get(5, TimeUnit.SECONDS)).hasMessageContaining("scripted MODEL_ERROR");
  }

  @Test
  void aLangChain4jEmbeddingModelIsANootropicEmbeddingModel() {
    dev.langchain4j.model.embedding.EmbeddingModel lc = new dev.langchain4j.model.embedding.EmbeddingModel() {
      @Override
      public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return Response.from(segments.stream().map(s -> Embedding.from(new float[] {s.text().length(), 1f, 0f})).toList());
      }
    };
    LangChain4jEmbeddingModel model = LangChain4jEmbeddingModel.of("toy", lc);

    assertThat(model.name()).isEqualTo("toy");
    assertThat(model.dimensions()).isEqualTo(3);
    assertThat(model.embed("abcd")).containsExactly(4f, 1f, 0f);
    assertThat(model.embedAll(List.of("a", "abc"))).satisfiesExactly(
        v -> assertThat(v).containsExactly(1f, 1f, 0f), v -> assertThat(v).containsExactly(3f, 1f, 0f));
    assertThat(model.describe().name()).isEqualTo("embedding.langchain4j.toy");
  }
}
