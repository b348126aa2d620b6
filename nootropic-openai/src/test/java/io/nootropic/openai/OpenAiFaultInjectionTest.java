package io.nootropic.openai;

import io.nootropic.testing.FaultServer;

import static io.nootropic.testing.FaultServer.answer;
import static io.nootropic.testing.FaultServer.event;
import static io.nootropic.testing.FaultServer.pause;
import static io.nootropic.testing.FaultServer.respond;
import static io.nootropic.testing.FaultServer.sseHead;
import static io.nootropic.testing.FaultServer.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.JsonSchema;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.api.tool.ToolCall;
import io.nootropic.api.tool.ToolDefinition;
import io.nootropic.runtime.routing.Attempt;
import io.nootropic.runtime.routing.CallContext;
import io.nootropic.runtime.routing.FailureKind;
import io.nootropic.runtime.routing.ModelCallException;
import io.nootropic.runtime.routing.ModelRegistry;
import io.nootropic.openai.OpenAiCompatibleProvider;
import io.nootropic.runtime.routing.RoutedResponse;
import io.nootropic.runtime.routing.ModelResilienceConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/// Every fault of the OpenAI-compatible API, streaming and not, against a scripted loopback
/// server, through the registry's resilience.
///
/// The limits are one to two seconds and every fault stalls for eight, so that on a loaded machine a
/// healthy attempt never trips a limit and a faulty one always does; the gaps in the healthy
/// scripts (30-50 ms) stay far below the idle limit.
class OpenAiFaultInjectionTest {

  static final Duration DEADLINE = Duration.ofSeconds(20);
  /// How long a faulty script stalls: well past every limit below.
  static final long STALL_MS = 8000;
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  final FaultServer server = FaultServer.start();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final List<String> tokens = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  ModelRegistry registry(URI url, int attempts, Duration attemptLimit) {
    var provider = OpenAiCompatibleProvider.builder("remote", url)
        .model(new ModelDescriptor("m", "remote", 8192, null, true, true, 0.001, 0.002, Duration.ofMillis(50), false))
        .timeouts(Duration.ofMillis(1000), Duration.ofMillis(2000), Duration.ofMillis(1500))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
    var config = ModelResilienceConfig.custom().maxAttempts(attempts)
        .backoff(Duration.ofMillis(10), 2.0, 0.5, Duration.ofMillis(100))
        .timeouts(attemptLimit, Duration.ofMillis(2000), Duration.ofMillis(1500))
        .sleeper(sleeps::add).build();
    return ModelRegistry.builder().provider(provider, config).build();
  }

  RoutedResponse call(boolean stream) {
    return call(stream, ChatRequest.of("hi"), registry(server.baseUrl(), 3, Duration.ofMillis(5000)));
  }

  RoutedResponse call(boolean stream, ChatRequest request, ModelRegistry registry) {
    return registry.chat(request, CallContext.DEFAULT.withDeadline(DEADLINE), stream ? tokens::add : StreamingHandler.NONE);
  }

  ModelCallException failure(boolean stream) {
    return failure(stream, registry(server.baseUrl(), 3, Duration.ofMillis(5000)));
  }

  ModelCallException failure(boolean stream, ModelRegistry registry) {
    long start = System.nanoTime();
    try {
      call(stream, ChatRequest.of("hi"), registry);
    } catch (ModelCallException e) {
      // the caller gets a typed error within the deadline (plus scheduling slack), never a hang
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plusSeconds(2));
      assertThat(e.attempts()).isNotEmpty();
      return e;
    }
    throw new AssertionError("expected a ModelCallException");
  }

  /// The answer after one failed attempt of the given kind.
  void assertHealedAfter(RoutedResponse r, FailureKind kind, boolean stream) {
    assertThat(r.attempts()).extracting(Attempt::failure).containsExactly(kind, null);
    assertThat(r.response().text()).isEqualTo("Hello world");
    if (stream) {
      assertThat(tokens).containsExactly("Hello", " world"); // nothing from the failed attempt, nothing twice
    } else {
      assertThat(tokens).isEmpty();
    }
    assertThat(server.requests()).hasSize(2);
  }

  // ---------- timeouts ----------

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void connectTimeoutIsRetriedThenReported(boolean stream) throws IOException {
    // a listening socket whose accept queue is full never completes new handshakes: connects hang
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 16; i++) {
          Socket f = new Socket();
          try {
            f.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 100);
            fillers.add(f);
          } catch (SocketTimeoutException queueFull) {
            f.close();
            break;
          }
        }
        URI url = URI.create("http://127.0.0.1:" + full.getLocalPort() + "/v1");
        ModelCallException e = failure(stream, registry(url, 2, Duration.ofMillis(5000)));

        assertThat(e.kind()).isEqualTo(FailureKind.CONNECT_TIMEOUT);
        assertThat(e.attempts()).extracting(Attempt::failure).containsExactly(FailureKind.CONNECT_TIMEOUT, FailureKind.CONNECT_TIMEOUT);
        assertThat(e.getMessage()).contains("#1 remote/m connect_timeout").contains("#2 remote/m connect_timeout");
      } finally {
        for (Socket f : fillers) {
          f.close();
        }
      }
    }
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void firstByteTimeoutIsRetried(boolean stream) {
    server.then((s, out) -> pause(STALL_MS), answer(stream, "Hello", " world"));

    assertHealedAfter(call(stream), FailureKind.FIRST_TOKEN_TIMEOUT, stream);
  }

  @Test
  void midStreamIdleAfterATokenIsReportedNotRetried() {
    server.then((s, out) -> {
      out.write(sseHead());
      out.write(event(FaultServer.contentChunk("Hel")));
      out.flush();
      pause(STALL_MS);
    }).otherwise(answer(true, "never"));

    ModelCallException e = failure(true);

    assertThat(e.kind()).isEqualTo(FailureKind.IDLE_TIMEOUT);
    assertThat(e.attempts()).singleElement().satisfies(a -> assertThat(a.tokensDelivered()).isEqualTo(1));
    assertThat(tokens).containsExactly("Hel");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void midBodyIdleOfAJsonAnswerIsRetried() {
    byte[] body = utf8(FaultServer.completion("Hello world"));
    server.then((s, out) -> {
      out.write(FaultServer.head(200, "application/json", body.length));
      out.write(body, 0, 20);
      out.flush();
      pause(STALL_MS);
    }, answer(false, "Hello", " world"));

    assertHealedAfter(call(false), FailureKind.IDLE_TIMEOUT, false);
  }

  @Test
  void overallTimeoutOfATricklingStreamEndsTheCallWithTheTokensDeliveredOnce() {
    server.then((s, out) -> {
      out.write(sseHead());
      for (int i = 0; i < 100; i++) {
        out.write(event(FaultServer.contentChunk("t" + i)));
        out.flush();
        pause(50);
      }
    });

    ModelCallException e = failure(true, registry(server.baseUrl(), 3, Duration.ofMillis(1500)));

    assertThat(e.kind()).isEqualTo(FailureKind.ATTEMPT_TIMEOUT);
    assertThat(e.attempts()).hasSize(1);
    assertThat(tokens).isNotEmpty().doesNotHaveDuplicates().allSatisfy(t -> assertThat(t).startsWith("t"));
    assertThat(tokens.size()).isEqualTo(e.attempts().getFirst().tokensDelivered());
  }

  @Test
  void overallTimeoutOfATricklingJsonBodyIsRetried() {
    byte[] body = utf8(FaultServer.completion("Hello world"));
    server.then((s, out) -> {
      out.write(FaultServer.head(200, "application/json", body.length));
      for (byte b : body) {
        out.write(b);
        out.flush();
        pause(40);
      }
    }, answer(false, "Hello", " world"));

    assertHealedAfter(call(false, ChatRequest.of("hi"), registry(server.baseUrl(), 3, Duration.ofMillis(1500))),
        FailureKind.ATTEMPT_TIMEOUT, false);
  }

  @Test
  void theDeadlineBoundsEveryRetry() {
    server.otherwise((s, out) -> pause(STALL_MS));
    ModelRegistry registry = registry(server.baseUrl(), 10, Duration.ofMillis(5000));
    long start = System.nanoTime();

    assertThatThrownBy(() -> registry.chat(ChatRequest.of("hi"), CallContext.DEFAULT.withDeadline(Duration.ofMillis(3000))))
        .isInstanceOfSatisfying(ModelCallException.class, e -> {
          // ten attempts allowed, each stopped after 2 s without a token: the deadline ends the call
          assertThat(e.attempts().size()).isBetween(1, 2);
          assertThat(e.attempts()).allSatisfy(a -> assertThat(a.failure()).isIn(FailureKind.FIRST_TOKEN_TIMEOUT, FailureKind.DEADLINE_EXCEEDED));
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3000).plusSeconds(2));
  }

  // ---------- rate limits ----------

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void rateLimitWithRetryAfterSecondsWaitsThatLong(boolean stream) {
    server.then(respond(429, "{\"error\":{\"message\":\"slow down\"}}", "Retry-After: 2"), answer(stream, "Hello", " world"));

    RoutedResponse r = call(stream);

    assertHealedAfter(r, FailureKind.RATE_LIMITED, stream);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(r.attempts().getFirst().httpStatus()).isEqualTo(429);
    assertThat(r.attempts().getFirst().message()).contains("slow down");
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void rateLimitWithRetryAfterAsAnHttpDateWaitsUntilThen(boolean stream) {
    server.then(respond(429, "{}", "Retry-After: Thu, 01 Jan 2026 00:00:03 GMT"), answer(stream, "Hello", " world"));

    assertHealedAfter(call(stream), FailureKind.RATE_LIMITED, stream);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void rateLimitWithoutRetryAfterBacksOffWithJitter(boolean stream) {
    server.then(respond(429, "{}"), answer(stream, "Hello", " world"));

    assertHealedAfter(call(stream), FailureKind.RATE_LIMITED, stream);
    assertThat(sleeps).singleElement().satisfies(d -> assertThat(d.toMillis()).isBetween(5L, 15L));
  }

  // ---------- HTTP errors ----------

  @ParameterizedTest(name = "HTTP {0} stream={1}")
  @CsvSource({"500,false", "500,true", "502,false", "502,true", "503,false", "503,true", "504,false", "504,true",
      "529,false", "529,true"})
  void serverErrorsAreRetried(int status, boolean stream) {
    server.then(respond(status, "{\"error\":{\"message\":\"busy\"}}"), answer(stream, "Hello", " world"));

    RoutedResponse r = call(stream);

    assertHealedAfter(r, status == 529 ? FailureKind.OVERLOADED : FailureKind.SERVER_ERROR, stream);
    assertThat(r.attempts().getFirst().httpStatus()).isEqualTo(status);
  }

  @ParameterizedTest(name = "HTTP {0} stream={1}")
  @CsvSource({"400,false", "400,true", "401,false", "401,true", "403,false", "403,true", "413,false", "413,true",
      "422,false", "422,true"})
  void clientErrorsAreNeverRetried(int status, boolean stream) {
    server.then(respond(status, "{\"error\":{\"message\":\"no\"}}")).otherwise(answer(stream, "never"));

    ModelCallException e = failure(stream);

    assertThat(e.kind()).isEqualTo(status == 401 || status == 403 ? FailureKind.AUTHENTICATION : FailureKind.INVALID_REQUEST);
    assertThat(e.attempts()).singleElement().satisfies(a -> assertThat(a.httpStatus()).isEqualTo(status));
    assertThat(server.requests()).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  // ---------- broken connections and streams ----------

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void connectionResetBeforeAnswerIsRetried(boolean stream) {
    server.then((s, out) -> FaultServer.reset(s), answer(stream, "Hello", " world"));

    RoutedResponse r = call(stream);

    assertThat(r.attempts().getFirst().failure()).isIn(FailureKind.CONNECTION_RESET, FailureKind.TRUNCATED_STREAM);
    assertThat(r.attempts()).hasSize(2);
    assertThat(r.response().text()).isEqualTo("Hello world");
  }

  @Test
  void connectionResetMidStreamIsReportedWithoutRepeatingTokens() {
    server.then((s, out) -> {
      out.write(sseHead());
      out.write(event(FaultServer.contentChunk("Hello")));
      out.flush();
      pause(50);
      FaultServer.reset(s);
    }).otherwise(answer(true, "never"));

    ModelCallException e = failure(true);

    assertThat(e.kind()).isIn(FailureKind.CONNECTION_RESET, FailureKind.TRUNCATED_STREAM);
    assertThat(tokens).containsExactly("Hello");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aStreamEndingWithoutItsFinalEventBeforeAnyTokenIsRetried() {
    server.then((s, out) -> {
      out.write(sseHead());
      out.write(event("{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}"));
    }, answer(true, "Hello", " world"));

    assertHealedAfter(call(true), FailureKind.TRUNCATED_STREAM, true);
  }

  @Test
  void aStreamEndingWithoutItsFinalEventAfterTokensIsATypedError() {
    server.then((s, out) -> {
      out.write(sseHead());
      out.write(event(FaultServer.contentChunk("Hello")));
    }).otherwise(answer(true, "never"));

    ModelCallException e = failure(true);

    assertThat(e.kind()).isEqualTo(FailureKind.TRUNCATED_STREAM);
    assertThat(e.getMessage()).contains("stream ended without its final event");
    assertThat(tokens).containsExactly("Hello");
  }

  @Test
  void aJsonBodyShorterThanItsContentLengthIsRetried() {
    byte[] body = utf8(FaultServer.completion("Hello world"));
    server.then((s, out) -> {
      out.write(FaultServer.head(200, "application/json", body.length));
      out.write(body, 0, body.length / 2);
    }, answer(false, "Hello", " world"));

    RoutedResponse r = call(false);

    assertThat(r.attempts().getFirst().failure()).isIn(FailureKind.TRUNCATED_STREAM, FailureKind.MALFORMED_RESPONSE);
    assertThat(r.response().text()).isEqualTo("Hello world");
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void anErrorAfterHttp200IsRetried(boolean stream) {
    String error = "{\"error\":{\"message\":\"model crashed\",\"type\":\"server_error\"}}";
    FaultServer.Script fault = stream
        ? (s, out) -> {
            out.write(sseHead());
            out.write(utf8("event: error\ndata: " + error + "\n\n"));
          }
        : respond(200, error);
    server.then(fault, answer(stream, "Hello", " world"));

    RoutedResponse r = call(stream);

    assertHealedAfter(r, FailureKind.STREAM_ERROR, stream);
    assertThat(r.attempts().getFirst().message()).contains("model crashed");
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void badJsonIsRetried(boolean stream) {
    FaultServer.Script fault = stream
        ? (s, out) -> {
            out.write(sseHead());
            out.write(event("{\"choices\":[{\"delta\":{\"content\":\"Hel"));
          }
        : respond(200, "{\"choices\":[{\"message\":");
    server.then(fault, answer(stream, "Hello", " world"));

    assertHealedAfter(call(stream), FailureKind.MALFORMED_RESPONSE, stream);
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void aUtf8CharacterSplitAcrossChunksIsReassembled(boolean stream) {
    String text = "caf\u00e9 \u2615 \uD83D\uDE80";
    byte[] payload = stream
        ? FaultServer.event(FaultServer.contentChunk(text))
        : utf8(FaultServer.completion(text));
    int split = indexOf(payload, (byte) 0xC3) + 1; // between the two bytes of 'é'
    int split2 = indexOf(payload, (byte) 0xF0) + 2; // inside the rocket's four bytes
    server.then((s, out) -> {
      if (stream) {
        out.write(sseHead());
      } else {
        out.write(FaultServer.head(200, "application/json", payload.length));
      }
      out.write(payload, 0, split);
      out.flush();
      pause(30);
      out.write(payload, split, split2 - split);
      out.flush();
      pause(30);
      out.write(payload, split2, payload.length - split2);
      if (stream) {
        out.write(event(FaultServer.finishChunk("stop")));
        out.write(utf8("data: [DONE]\n\n"));
      }
    });

    RoutedResponse r = call(stream);

    assertThat(r.response().text()).isEqualTo(text);
    assertThat(r.attempts()).hasSize(1);
    if (stream) {
      assertThat(tokens).containsExactly(text);
    }
  }

  static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new AssertionError("byte not found");
  }

  // ---------- tool calls ----------

  static final ChatRequest TOOL_REQUEST = new ChatRequest(null, List.of(ChatMessage.user("open Main.java")),
      GenerationOptions.DEFAULTS, List.of(new ToolDefinition("read_file", "reads a file",
      JsonSchema.of("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}"))));

  static FaultServer.Script toolCall(boolean stream, String arguments) {
    if (!stream) {
      return respond(200, "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
          + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"read_file\",\"arguments\":"
          + FaultServer.quote(arguments) + "}}]},\"finish_reason\":\"tool_calls\"}]}");
    }
    int half = arguments.length() / 2;
    return (s, out) -> {
      out.write(sseHead());
      out.write(event("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
          + "\"function\":{\"name\":\"read_file\",\"arguments\":" + FaultServer.quote(arguments.substring(0, half)) + "}}]}}]}"));
      out.write(event("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
          + FaultServer.quote(arguments.substring(half)) + "}}]}}]}"));
      out.write(event(FaultServer.finishChunk("tool_calls")));
      out.write(utf8("data: [DONE]\n\n"));
    };
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void truncatedToolCallArgumentsAreRejectedAndRetried(boolean stream) {
    server.then(toolCall(stream, "{\"path\": \"src/Ma"), toolCall(stream, "{\"path\": \"src/Main.java\"}"));

    RoutedResponse r = call(stream, TOOL_REQUEST, registry(server.baseUrl(), 3, Duration.ofMillis(5000)));

    assertThat(r.attempts()).extracting(Attempt::failure).containsExactly(FailureKind.MALFORMED_RESPONSE, null);
    assertThat(r.attempts().getFirst().message()).contains("read_file").contains("truncated or invalid JSON");
    assertThat(r.response().toolCalls()).containsExactly(new ToolCall("call_1", "read_file", "{\"path\": \"src/Main.java\"}"));
    assertThat(r.response().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(server.requests().getFirst()).contains("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"read_file\"");
  }

  @Test
  void theRequestCarriesModelMessagesOptionsAndStreamFlag() {
    server.then(answer(true, "Hello", " world"));

    call(true);

    assertThat(server.requests()).singleElement().satisfies(body -> assertThat(body)
        .contains("\"model\":\"m\"").contains("\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]")
        .contains("\"max_tokens\":256").contains("\"stream\":true").contains("\"include_usage\":true"));
  }
}
