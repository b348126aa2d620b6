package io.nootropic.api.model;

import io.nootropic.api.tool.ToolDefinition;
import java.util.List;
import java.util.Objects;

/// A request to a [ChatModel].
///
/// @param model    model id, or `null` to let the router choose
/// @param messages the conversation so far, not empty
/// @param options  sampling and stopping options
/// @param tools    tools the model may call
public record ChatRequest(String model, List<ChatMessage> messages, GenerationOptions options, List<ToolDefinition> tools) {

  /// Checks the fields.
  public ChatRequest {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    options = options == null ? GenerationOptions.DEFAULTS : options;
    tools = tools == null ? List.of() : List.copyOf(tools);
  }

  /// A request with one user message, default options, no tools and no model preference.
  public static ChatRequest of(String userMessage) {
    return new ChatRequest(null, List.of(ChatMessage.user(userMessage)), GenerationOptions.DEFAULTS, List.of());
  }

  /// A copy of this request aimed at the given model.
  public ChatRequest withModel(String model) {
    return new ChatRequest(model, messages, options, tools);
  }

  /// A copy of this request with other options.
  public ChatRequest withOptions(GenerationOptions options) {
    return new ChatRequest(model, messages, options, tools);
  }
}
