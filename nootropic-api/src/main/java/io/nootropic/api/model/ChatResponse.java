package io.nootropic.api.model;

import io.nootropic.api.tool.ToolCall;
import java.util.List;
import java.util.Objects;

/// The complete answer of a [ChatModel].
///
/// @param model        id of the model that actually answered
/// @param text         the generated text
/// @param toolCalls    tool calls the model asked for
/// @param finishReason why generation ended
/// @param usage        tokens and time spent
public record ChatResponse(String model, String text, List<ToolCall> toolCalls, FinishReason finishReason, Usage usage) {

  /// Checks the fields.
  public ChatResponse {
    Objects.requireNonNull(model, "model");
    text = text == null ? "" : text;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    Objects.requireNonNull(finishReason, "finishReason");
    usage = Objects.requireNonNullElse(usage, Usage.NONE);
  }
}
