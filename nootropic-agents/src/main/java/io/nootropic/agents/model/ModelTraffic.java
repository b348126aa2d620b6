package io.nootropic.agents.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.Usage;
import io.nootropic.api.tool.ToolCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/// The file format of recorded model traffic: one JSON object per line,
/// `{"request":{"messages":[{"role","content"}],"maxTokens","temperature"},"response":{"model","text",
/// "toolCalls":[{"id","name","arguments"}],"finishReason","usage":{"inputTokens","outputTokens"}}}`.
/// [RecordingChatModel] writes it, [ReplayChatModel] reads it.
public final class ModelTraffic {

  static final ObjectMapper JSON = new ObjectMapper();

  private ModelTraffic() {}

  /// One call as a line (without the newline).
  public static String line(ChatRequest request, ChatResponse response) {
    ObjectNode root = JSON.createObjectNode();
    root.set("request", request(request));
    root.set("response", response(response));
    return root.toString();
  }

  /// The request part: messages, token limit and temperature.
  public static ObjectNode request(ChatRequest request) {
    ObjectNode req = JSON.createObjectNode();
    ArrayNode messages = req.putArray("messages");
    for (ChatMessage m : request.messages()) {
      messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT)).put("content", m.content());
    }
    req.put("maxTokens", request.options().maxTokens()).put("temperature", request.options().temperature());
    return req;
  }

  /// The response part.
  public static ObjectNode response(ChatResponse response) {
    ObjectNode res = JSON.createObjectNode();
    res.put("model", response.model()).put("text", response.text());
    ArrayNode calls = res.putArray("toolCalls");
    for (ToolCall c : response.toolCalls()) {
      calls.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.argumentsJson());
    }
    res.put("finishReason", response.finishReason().name());
    res.putObject("usage").put("inputTokens", response.usage().inputTokens())
        .put("outputTokens", response.usage().outputTokens());
    return res;
  }

  /// Reads a response part back.
  ///
  /// @throws IllegalArgumentException naming the field that is missing or wrong
  public static ChatResponse readResponse(JsonNode res) {
    if (res == null || !res.isObject()) {
      throw new IllegalArgumentException("'response' must be an object");
    }
    JsonNode text = res.get("text");
    if (text == null || !text.isTextual()) {
      throw new IllegalArgumentException("'response.text' must be a string");
    }
    List<ToolCall> calls = new ArrayList<>();
    JsonNode tc = res.path("toolCalls");
    if (!tc.isMissingNode() && !tc.isArray()) {
      throw new IllegalArgumentException("'response.toolCalls' must be an array");
    }
    for (JsonNode c : tc) {
      calls.add(new ToolCall(c.path("id").asText("call-" + calls.size()), c.path("name").asText(),
          c.path("arguments").asText("{}")));
    }
    FinishReason finish;
    try {
      finish = FinishReason.valueOf(res.path("finishReason").asText(calls.isEmpty() ? "STOP" : "TOOL_CALLS"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'response.finishReason' must be one of STOP, LENGTH, TOOL_CALLS, CANCELLED");
    }
    JsonNode u = res.path("usage");
    Usage usage = new Usage(Math.max(0, u.path("inputTokens").asLong(0)), Math.max(0, u.path("outputTokens").asLong(0)),
        Duration.ZERO, Duration.ZERO);
    return new ChatResponse(res.path("model").asText("replay"), text.asText(), calls, finish, usage);
  }
}
