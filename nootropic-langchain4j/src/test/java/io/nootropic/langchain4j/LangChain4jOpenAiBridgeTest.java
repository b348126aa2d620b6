package io.nootropic.langchain4j;

import io.nootropic.testing.FaultServer;

import static io.nootropic.testing.FaultServer.answer;
import static io.nootropic.testing.FaultServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.langchain4j.LangChain4jModelProvider;
import io.nootropic.runtime.routing.Attempt;
import io.nootropic.runtime.routing.CallContext;
import io.nootropic.runtime.routing.FailureKind;
import io.nootropic.runtime.routing.ModelRegistry;
import io.nootropic.runtime.routing.RoutedResponse;
import io.nootropic.runtime.routing.ModelResilienceConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/// LangChain4j's own OpenAI module, against the loopback stub, registered through the bridge.
class LangChain4jOpenAiBridgeTest {

  final FaultServer server = FaultServer.start();

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  ModelRegistry registry() {
    String url = server.baseUrl().toString();
    var blocking = OpenAiChatModel.builder().baseUrl(url).apiKey("test").modelName("m").maxRetries(0)
        .timeout(Duration.ofSeconds(30)).build();
    var streaming = OpenAiStreamingChatModel.builder().baseUrl(url).apiKey("test").modelName("m")
        .timeout(Duration.ofSeconds(30)).build();
    var provider = LangChain4jModelProvider.builder("openai")
        .model(new ModelDescriptor("m", "openai", 8192, null, true, true, 0.001, 0.002, Duration.ofMillis(50), false),
            blocking, streaming)
        .build();
    return ModelRegistry.builder().provider(provider, ModelResilienceConfig.custom()
        .backoff(Duration.ofMillis(1), 2, 0, Duration.ofMillis(2)).build()).build();
  }

  @Test
  void blockingCallsWorkAndHttpErrorsAreClassifiedAndRetried() {
    server.then(respond(503, "{\"error\":{\"message\":\"busy\"}}"), answer(false, "Hello", " world"));

    RoutedResponse r = registry().chat(ChatRequest.of("hi"), CallContext.DEFAULT);

    assertThat(r.response().text()).isEqualTo("Hello world");
    assertThat(r.attempts()).extracting(Attempt::failure).containsExactly(FailureKind.SERVER_ERROR, null);
    assertThat(r.attempts().getFirst().httpStatus()).isEqualTo(503);
    assertThat(r.response().usage().inputTokens()).isEqualTo(7);
  }

  @Test
  void streamingCallsDeliverEachToken() {
    server.then(answer(true, "Hello", " world"));
    List<String> tokens = new ArrayList<>();

    RoutedResponse r = registry().chat(ChatRequest.of("hi"), CallContext.DEFAULT, tokens::add);

    assertThat(tokens).containsExactly("Hello", " world");
    assertThat(r.response().text()).isEqualTo("Hello world");
    assertThat(server.requests().getFirst()).containsPattern("\"stream\"\\s*:\\s*true");
  }
}
