package io.nootropic.api.model;

import io.nootropic.api.tool.ToolCall;
import java.util.List;
import java.util.Objects;

/// One message of a conversation.
///
/// @param role       who wrote it
/// @param content    its text (may be empty for an assistant message that only calls tools)
/// @param toolCalls  tool calls the assistant asked for
/// @param toolCallId for a [Role#TOOL] message, the id of the call it answers
public record ChatMessage(Role role, String content, List<ToolCall> toolCalls, String toolCallId) {

  /// Checks the fields.
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    content = content == null ? "" : content;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /// A system message.
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content, List.of(), null);
  }

  /// A user message.
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content, List.of(), null);
  }

  /// An assistant message.
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content, List.of(), null);
  }

  /// A tool result answering the call with `toolCallId`.
  public static ChatMessage tool(String toolCallId, String content) {
    return new ChatMessage(Role.TOOL, content, List.of(), toolCallId);
  }
}
