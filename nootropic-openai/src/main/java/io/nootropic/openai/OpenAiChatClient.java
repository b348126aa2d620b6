package io.nootropic.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.api.model.Usage;
import io.nootropic.api.tool.ToolCall;
import io.nootropic.api.tool.ToolDefinition;
import io.nootropic.runtime.routing.FailureKind;
import io.nootropic.runtime.routing.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/// Calls `POST {baseUrl}/chat/completions` of an OpenAI-compatible server, streaming (SSE) when
/// the caller passes a handler, and classifies every failure as a [ProviderException].
final class OpenAiChatClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final URI endpoint;
  private final String apiKey;
  private final Map<String, String> headers;
  private final Duration firstByteTimeout;
  private final Duration readIdleTimeout;
  private final Clock clock;
  private final HttpClient http;

  /// Creates a client.
  public OpenAiChatClient(URI baseUrl, String apiKey, Map<String, String> headers, Duration connectTimeout,
      Duration firstByteTimeout, Duration readIdleTimeout, Clock clock) {
    String base = baseUrl.toString();
    this.endpoint = URI.create(base.endsWith("/") ? base + "chat/completions" : base + "/chat/completions");
    this.apiKey = apiKey;
    this.headers = Map.copyOf(headers);
    this.firstByteTimeout = firstByteTimeout;
    this.readIdleTimeout = readIdleTimeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /// Sends one chat request.
  ///
  /// @throws ProviderException classified
  public ChatResponse chat(String model, ChatRequest request, StreamingHandler handler) {
    boolean stream = handler != StreamingHandler.NONE;
    byte[] body = requestBody(model, request, stream);
    HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint).timeout(firstByteTimeout)
        .header("Content-Type", "application/json")
        .header("Accept", stream ? "text/event-stream" : "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (apiKey != null && !apiKey.isEmpty()) {
      rb.header("Authorization", "Bearer " + apiKey);
    }
    headers.forEach(rb::header);
    HttpResponse<InputStream> response;
    try {
      response = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw fail(FailureKind.CONNECT_TIMEOUT, model, "connect timed out", e);
    } catch (HttpTimeoutException e) {
      throw fail(FailureKind.FIRST_TOKEN_TIMEOUT, model, "no response within " + firstByteTimeout.toMillis() + " ms", e);
    } catch (ConnectException e) {
      throw fail(FailureKind.CONNECT_FAILED, model, "cannot connect to " + endpoint.getHost() + ":" + endpoint.getPort(), e);
    } catch (IOException e) {
      throw fail(classifyIo(e), model, "request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(FailureKind.DEADLINE_EXCEEDED, model, "interrupted", e);
    }
    AtomicBoolean idle = new AtomicBoolean();
    try (InputStream raw = response.body(); InputStream in = watch(raw, idle)) {
      int status = response.statusCode();
      if (status != 200) {
        String text = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
        throw new ProviderException(FailureKind.forHttpStatus(status), status, retryAfter,
            model + ": HTTP " + status + errorMessage(text), null);
      }
      return stream ? readStream(model, in, handler) : readJson(model, in);
    } catch (ProviderException e) {
      throw e;
    } catch (CharacterCodingException e) {
      throw fail(FailureKind.MALFORMED_RESPONSE, model, "response is not valid UTF-8", e);
    } catch (IOException e) {
      if (idle.get()) {
        throw fail(FailureKind.IDLE_TIMEOUT, model, "no bytes for " + readIdleTimeout.toMillis() + " ms", e);
      }
      throw fail(classifyIo(e), model, "reading the response failed: " + e.getMessage(), e);
    }
  }

  private static ProviderException fail(FailureKind kind, String model, String message, Throwable cause) {
    return new ProviderException(kind, 0, null, model + ": " + message, cause);
  }

  private static FailureKind classifyIo(IOException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (m.contains("content-length") || m.contains("eof") || m.contains("closed") && !m.contains("reset")) {
      return FailureKind.TRUNCATED_STREAM;
    }
    return FailureKind.CONNECTION_RESET;
  }

  /// Wraps the body so that a read blocked for longer than the idle timeout fails: a watcher
  /// closes the stream, which makes the blocked read throw.
  private InputStream watch(InputStream raw, AtomicBoolean idle) {
    AtomicLong lastRead = new AtomicLong(System.nanoTime());
    AtomicBoolean done = new AtomicBoolean();
    long idleNanos = readIdleTimeout.toNanos();
    Thread watcher = Thread.ofVirtual().start(() -> {
      try {
        while (!done.get()) {
          long wait = lastRead.get() + idleNanos - System.nanoTime();
          if (wait <= 0) {
            idle.set(true);
            raw.close();
            return;
          }
          Thread.sleep(Duration.ofNanos(Math.max(wait, 1_000_000)));
        }
      } catch (InterruptedException | IOException e) {
        // done
      }
    });
    return new java.io.FilterInputStream(raw) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        lastRead.set(System.nanoTime());
        return b;
      }

      @Override
      public int read(byte[] b, int off, int n) throws IOException {
        int r = super.read(b, off, n);
        lastRead.set(System.nanoTime());
        return r;
      }

      @Override
      public void close() throws IOException {
        done.set(true);
        watcher.interrupt();
        super.close();
      }
    };
  }

  /// Parses a Retry-After header: delta-seconds or an HTTP date; `null` when absent or unreadable.
  Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  private static String errorMessage(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      JsonNode msg = n.path("error").path("message");
      if (msg.isTextual()) {
        return ": " + msg.asText();
      }
    } catch (JsonProcessingException e) {
      // not JSON: fall through
    }
    String b = body.strip();
    return b.isEmpty() ? "" : ": " + (b.length() > 200 ? b.substring(0, 200) + "..." : b);
  }

  private byte[] requestBody(String model, ChatRequest request, boolean stream) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", model);
    ArrayNode messages = root.putArray("messages");
    for (ChatMessage m : request.messages()) {
      ObjectNode o = messages.addObject();
      o.put("role", m.role().name().toLowerCase(Locale.ROOT));
      o.put("content", m.content());
      if (!m.toolCalls().isEmpty()) {
        ArrayNode calls = o.putArray("tool_calls");
        for (ToolCall c : m.toolCalls()) {
          ObjectNode call = calls.addObject();
          call.put("id", c.id());
          call.put("type", "function");
          call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
        }
      }
      if (m.toolCallId() != null) {
        o.put("tool_call_id", m.toolCallId());
      }
    }
    GenerationOptions opt = request.options();
    root.put("max_tokens", opt.maxTokens());
    root.put("temperature", opt.temperature());
    if (opt.topP() < 1) {
      root.put("top_p", opt.topP());
    }
    if (opt.presencePenalty() != 0) {
      root.put("presence_penalty", opt.presencePenalty());
    }
    root.put("seed", opt.seed());
    if (!opt.stop().isEmpty()) {
      ArrayNode stop = root.putArray("stop");
      opt.stop().forEach(stop::add);
    }
    if (opt.jsonOutput()) {
      root.putObject("response_format").put("type", "json_object");
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = root.putArray("tools");
      for (ToolDefinition t : request.tools()) {
        ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
        fn.put("name", t.name()).put("description", t.description());
        try {
          fn.set("parameters", JSON.readTree(t.parameters().json()));
        } catch (JsonProcessingException e) {
          throw new ProviderException(FailureKind.INVALID_REQUEST, "tool " + t.name() + " has an invalid JSON Schema: " + e.getOriginalMessage());
        }
      }
    }
    root.put("stream", stream);
    if (stream) {
      root.putObject("stream_options").put("include_usage", true);
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ChatResponse readJson(String model, InputStream in) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw fail(FailureKind.MALFORMED_RESPONSE, model, "response is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw fail(FailureKind.MALFORMED_RESPONSE, model, "response is not a JSON object", null);
    }
    if (root.has("error")) {
      throw fail(FailureKind.STREAM_ERROR, model, "server reported an error: " + root.path("error").path("message").asText(root.get("error").toString()), null);
    }
    JsonNode choice = root.path("choices").path(0);
    if (choice.isMissingNode()) {
      throw fail(FailureKind.MALFORMED_RESPONSE, model, "response has no choices", null);
    }
    JsonNode message = choice.path("message");
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode c : message.path("tool_calls")) {
      String args = c.path("function").path("arguments").asText("{}");
      checkArguments(model, c.path("function").path("name").asText(), args);
      calls.add(new ToolCall(c.path("id").asText("call_" + calls.size()), c.path("function").path("name").asText(), args));
    }
    return new ChatResponse(root.path("model").asText(model), message.path("content").asText(""), calls,
        finishReason(choice.path("finish_reason").asText(null), calls), usage(root.path("usage")));
  }

  private ChatResponse readStream(String model, InputStream in, StreamingHandler handler) throws IOException {
    SseReader reader = new SseReader(in);
    StringBuilder text = new StringBuilder();
    Map<Integer, String[]> toolCalls = new TreeMap<>(); // index -> {id, name, arguments}
    String finish = null;
    String responseModel = model;
    Usage usage = Usage.NONE;
    boolean done = false;
    SseReader.SseEvent event;
    while ((event = reader.next()) != null) {
      String data = event.data();
      if ("[DONE]".equals(data.strip())) {
        done = true;
        break;
      }
      JsonNode chunk;
      try {
        chunk = JSON.readTree(data);
      } catch (JsonProcessingException e) {
        throw fail(FailureKind.MALFORMED_RESPONSE, model, "event is not valid JSON: " + e.getOriginalMessage(), e);
      }
      if ("error".equals(event.name()) || chunk.has("error")) {
        JsonNode err = chunk.has("error") ? chunk.get("error") : chunk;
        String type = err.path("type").asText("");
        FailureKind kind = type.contains("overloaded") ? FailureKind.OVERLOADED : FailureKind.STREAM_ERROR;
        throw fail(kind, model, "server sent an error event: " + err.path("message").asText(err.toString()), null);
      }
      if (chunk.hasNonNull("model")) {
        responseModel = chunk.get("model").asText();
      }
      if (chunk.path("usage").isObject()) {
        usage = usage(chunk.get("usage"));
      }
      JsonNode choice = chunk.path("choices").path(0);
      if (choice.isMissingNode()) {
        continue;
      }
      JsonNode delta = choice.path("delta");
      String content = delta.path("content").isTextual() ? delta.get("content").asText() : "";
      if (!content.isEmpty()) {
        text.append(content);
        handler.onToken(content);
      }
      for (JsonNode tc : delta.path("tool_calls")) {
        String[] acc = toolCalls.computeIfAbsent(tc.path("index").asInt(toolCalls.size()), k -> new String[] {null, "", ""});
        if (tc.hasNonNull("id")) {
          acc[0] = tc.get("id").asText();
        }
        JsonNode fn = tc.path("function");
        if (fn.hasNonNull("name")) {
          acc[1] += fn.get("name").asText();
        }
        if (fn.hasNonNull("arguments")) {
          acc[2] += fn.get("arguments").asText();
        }
      }
      if (choice.hasNonNull("finish_reason")) {
        finish = choice.get("finish_reason").asText();
      }
    }
    if (!done && finish == null) {
      throw fail(FailureKind.TRUNCATED_STREAM, model, "stream ended without its final event after " + text.length() + " chars", null);
    }
    List<ToolCall> calls = new ArrayList<>();
    for (var e : toolCalls.entrySet()) {
      String[] acc = e.getValue();
      String args = acc[2].isEmpty() ? "{}" : acc[2];
      checkArguments(model, acc[1], args);
      calls.add(new ToolCall(acc[0] == null ? "call_" + e.getKey() : acc[0], acc[1], args));
    }
    return new ChatResponse(responseModel, text.toString(), calls, finishReason(finish, calls), usage);
  }

  private static void checkArguments(String model, String tool, String args) {
    try {
      JsonNode n = JSON.readTree(args);
      if (n == null || !n.isObject()) {
        throw fail(FailureKind.MALFORMED_RESPONSE, model, "arguments of tool call '" + tool + "' are not a JSON object", null);
      }
    } catch (JsonProcessingException e) {
      throw fail(FailureKind.MALFORMED_RESPONSE, model, "arguments of tool call '" + tool + "' are truncated or invalid JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  private static FinishReason finishReason(String reason, List<ToolCall> calls) {
    if (reason == null) {
      return calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
    }
    return switch (reason) {
      case "length" -> FinishReason.LENGTH;
      case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
      default -> calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
    };
  }

  private static Usage usage(JsonNode u) {
    if (u == null || !u.isObject()) {
      return Usage.NONE;
    }
    return new Usage(Math.max(0, u.path("prompt_tokens").asLong(0)), Math.max(0, u.path("completion_tokens").asLong(0)),
        Duration.ZERO, Duration.ZERO);
  }
}
