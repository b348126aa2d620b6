package io.nootropic.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.output.TokenUsage;
import io.nootropic.api.JsonSchema;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.Role;
import io.nootropic.api.model.Usage;
import io.nootropic.api.tool.ToolCall;
import io.nootropic.api.tool.ToolDefinition;
import io.nootropic.runtime.routing.FailureKind;
import io.nootropic.runtime.routing.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/// Conversions between Nootropic's and LangChain4j's chat types.
final class Lc4j {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Lc4j() { }

  // ---------- Nootropic -> LangChain4j ----------

  static dev.langchain4j.model.chat.request.ChatRequest toLc4j(ChatRequest request, String modelName) {
    Map<String, String> toolNames = new HashMap<>();
    List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>();
    for (ChatMessage m : request.messages()) {
      switch (m.role()) {
        case SYSTEM -> messages.add(SystemMessage.from(m.content()));
        case USER -> messages.add(UserMessage.from(m.content()));
        case ASSISTANT -> {
          List<ToolExecutionRequest> calls = new ArrayList<>();
          for (ToolCall c : m.toolCalls()) {
            toolNames.put(c.id(), c.name());
            calls.add(ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.argumentsJson()).build());
          }
          messages.add(AiMessage.builder().text(m.content().isEmpty() && !calls.isEmpty() ? null : m.content())
              .toolExecutionRequests(calls).build());
        }
        case TOOL -> messages.add(ToolExecutionResultMessage.from(m.toolCallId(),
            toolNames.getOrDefault(m.toolCallId(), "tool"), m.content()));
      }
    }
    GenerationOptions o = request.options();
    var b = dev.langchain4j.model.chat.request.ChatRequest.builder().messages(messages)
        .maxOutputTokens(o.maxTokens()).temperature(o.temperature());
    if (modelName != null) {
      b.modelName(modelName);
    }
    if (o.topP() < 1) {
      b.topP(o.topP());
    }
    if (o.topK() > 0) {
      b.topK(o.topK());
    }
    if (o.presencePenalty() != 0) {
      b.presencePenalty(o.presencePenalty());
    }
    if (!o.stop().isEmpty()) {
      b.stopSequences(o.stop());
    }
    if (o.jsonOutput()) {
      b.responseFormat(ResponseFormat.JSON);
    }
    if (!request.tools().isEmpty()) {
      b.toolSpecifications(request.tools().stream().map(Lc4j::toLc4j).toList());
    }
    return b.build();
  }

  static ToolSpecification toLc4j(ToolDefinition t) {
    JsonNode schema;
    try {
      schema = JSON.readTree(t.parameters().json());
    } catch (JsonProcessingException e) {
      throw new ProviderException(FailureKind.INVALID_REQUEST, "tool " + t.name() + " has an invalid JSON Schema: " + e.getOriginalMessage());
    }
    return ToolSpecification.builder().name(t.name()).description(t.description()).parameters(objectSchema(schema)).build();
  }

  private static JsonObjectSchema objectSchema(JsonNode n) {
    var b = JsonObjectSchema.builder();
    if (n.hasNonNull("description")) {
      b.description(n.get("description").asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("properties").properties().iterator(); it.hasNext(); ) {
      var e = it.next();
      b.addProperty(e.getKey(), element(e.getValue()));
    }
    List<String> required = new ArrayList<>();
    n.path("required").forEach(r -> required.add(r.asText()));
    if (!required.isEmpty()) {
      b.required(required);
    }
    if (n.has("additionalProperties") && n.get("additionalProperties").isBoolean()) {
      b.additionalProperties(n.get("additionalProperties").asBoolean());
    }
    return b.build();
  }

  private static JsonSchemaElement element(JsonNode n) {
    String description = n.hasNonNull("description") ? n.get("description").asText() : null;
    if (n.has("enum")) {
      List<String> values = new ArrayList<>();
      n.get("enum").forEach(v -> values.add(v.asText()));
      return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }
    return switch (n.path("type").asText("")) {
      case "object" -> objectSchema(n);
      case "string" -> JsonStringSchema.builder().description(description).build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "array" -> JsonArraySchema.builder().description(description)
          .items(n.has("items") ? element(n.get("items")) : JsonStringSchema.builder().build()).build();
      default -> JsonRawSchema.from(n.toString());
    };
  }

  static ChatResponse fromLc4j(dev.langchain4j.model.chat.response.ChatResponse r, String fallbackModel, Duration elapsed) {
    AiMessage ai = r.aiMessage();
    List<ToolCall> calls = new ArrayList<>();
    if (ai != null && ai.hasToolExecutionRequests()) {
      for (ToolExecutionRequest t : ai.toolExecutionRequests()) {
        calls.add(new ToolCall(t.id() == null ? "call_" + calls.size() : t.id(), t.name(), t.arguments()));
      }
    }
    TokenUsage u = r.tokenUsage();
    Usage usage = u == null ? Usage.NONE : new Usage(nz(u.inputTokenCount()), nz(u.outputTokenCount()), Duration.ZERO, elapsed);
    FinishReason finish = r.finishReason() == null ? (calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS)
        : switch (r.finishReason()) {
          case LENGTH -> FinishReason.LENGTH;
          case TOOL_EXECUTION -> FinishReason.TOOL_CALLS;
          default -> calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
        };
    return new ChatResponse(r.modelName() != null ? r.modelName() : fallbackModel, ai == null ? "" : ai.text(), calls, finish, usage);
  }

  private static long nz(Integer i) {
    return i == null ? 0 : Math.max(0, i);
  }

  /// Classifies a LangChain4j failure so that the resilience layer can decide on retries.
  static ProviderException classify(String model, Throwable t) {
    if (t instanceof ProviderException pe) {
      return pe;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HttpException h) {
        return new ProviderException(FailureKind.forHttpStatus(h.statusCode()), h.statusCode(), null,
            model + ": HTTP " + h.statusCode() + ": " + h.getMessage(), t);
      }
    }
    FailureKind kind = switch (t) {
      case RateLimitException e -> FailureKind.RATE_LIMITED;
      case TimeoutException e -> FailureKind.ATTEMPT_TIMEOUT;
      case InternalServerException e -> FailureKind.SERVER_ERROR;
      case AuthenticationException e -> FailureKind.AUTHENTICATION;
      case InvalidRequestException e -> FailureKind.INVALID_REQUEST;
      case java.io.IOException e -> FailureKind.CONNECTION_RESET;
      default -> FailureKind.MODEL_ERROR;
    };
    return new ProviderException(kind, 0, null, model + ": " + t.getClass().getSimpleName() + ": " + t.getMessage(), t);
  }

  // ---------- LangChain4j -> Nootropic ----------

  static ChatRequest fromLc4j(dev.langchain4j.model.chat.request.ChatRequest r) {
    List<ChatMessage> messages = new ArrayList<>();
    for (dev.langchain4j.data.message.ChatMessage m : r.messages()) {
      switch (m) {
        case SystemMessage s -> messages.add(ChatMessage.system(s.text()));
        case UserMessage u -> messages.add(ChatMessage.user(u.hasSingleText() ? u.singleText()
            : u.contents().stream().filter(c -> c instanceof dev.langchain4j.data.message.TextContent)
                .map(c -> ((dev.langchain4j.data.message.TextContent) c).text()).reduce("", String::concat)));
        case AiMessage a -> messages.add(new ChatMessage(Role.ASSISTANT, a.text(),
            a.hasToolExecutionRequests() ? a.toolExecutionRequests().stream()
                .map(t -> new ToolCall(t.id() == null ? t.name() : t.id(), t.name(), t.arguments())).toList() : List.of(), null));
        case ToolExecutionResultMessage t -> messages.add(ChatMessage.tool(t.id(), t.text()));
        default -> throw new IllegalArgumentException("unsupported LangChain4j message type " + m.type());
      }
    }
    GenerationOptions o = GenerationOptions.DEFAULTS;
    if (r.maxOutputTokens() != null) {
      o = o.withMaxTokens(r.maxOutputTokens());
    }
    if (r.temperature() != null) {
      o = o.withTemperature(r.temperature());
    }
    o = new GenerationOptions(o.maxTokens(), o.temperature(), r.topK() == null ? o.topK() : r.topK(),
        r.topP() == null ? o.topP() : r.topP(), o.minP(), o.repetitionPenalty(),
        r.presencePenalty() == null ? o.presencePenalty() : r.presencePenalty(), o.seed(),
        r.stopSequences() == null ? List.of() : r.stopSequences(),
        r.responseFormat() != null && r.responseFormat().type() == ResponseFormatType.JSON);
    List<ToolDefinition> tools = new ArrayList<>();
    if (r.toolSpecifications() != null) {
      for (ToolSpecification t : r.toolSpecifications()) {
        String schema = "{\"type\":\"object\"}";
        if (t.parameters() != null) {
          try {
            schema = JSON.writeValueAsString(JsonSchemaElementUtils.toMap(t.parameters()));
          } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise the parameters of tool " + t.name(), e);
          }
        }
        tools.add(new ToolDefinition(t.name(), t.description(), JsonSchema.of(schema)));
      }
    }
    return new ChatRequest(r.modelName(), messages, o, tools);
  }

  static dev.langchain4j.model.chat.response.ChatResponse toLc4j(ChatResponse r) {
    List<ToolExecutionRequest> calls = r.toolCalls().stream()
        .map(c -> ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.argumentsJson()).build()).toList();
    AiMessage ai = AiMessage.builder().text(r.text().isEmpty() && !calls.isEmpty() ? null : r.text()).toolExecutionRequests(calls).build();
    dev.langchain4j.model.output.FinishReason finish = switch (r.finishReason()) {
      case STOP -> dev.langchain4j.model.output.FinishReason.STOP;
      case LENGTH -> dev.langchain4j.model.output.FinishReason.LENGTH;
      case TOOL_CALLS -> dev.langchain4j.model.output.FinishReason.TOOL_EXECUTION;
      case CANCELLED -> dev.langchain4j.model.output.FinishReason.OTHER;
    };
    return dev.langchain4j.model.chat.response.ChatResponse.builder().aiMessage(ai).modelName(r.model())
        .tokenUsage(new TokenUsage((int) Math.min(Integer.MAX_VALUE, r.usage().inputTokens()),
            (int) Math.min(Integer.MAX_VALUE, r.usage().outputTokens())))
        .finishReason(finish).build();
  }
}
