package io.nootropic.inference.chat;

import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.tool.ToolCall;
import io.nootropic.api.tool.ToolDefinition;
import java.util.List;

/// The documented fallback of [ChatFormat#simple()].
final class SimpleChatFormat implements ChatFormat {

  static final SimpleChatFormat INSTANCE = new SimpleChatFormat();

  private SimpleChatFormat() { }

  @Override
  public String render(List<ChatMessage> messages, List<ToolDefinition> tools, boolean addGenerationPrompt) {
    StringBuilder sb = new StringBuilder();
    boolean toolsListed = tools == null || tools.isEmpty();
    for (ChatMessage m : messages) {
      switch (m.role()) {
        case SYSTEM -> {
          sb.append(m.content()).append("\n\n");
          if (!toolsListed) {
            appendTools(sb, tools);
            toolsListed = true;
          }
        }
        case USER -> sb.append("User: ").append(m.content()).append('\n');
        case ASSISTANT -> {
          sb.append("Assistant: ").append(m.content());
          for (ToolCall call : m.toolCalls()) {
            sb.append(m.content().isEmpty() ? "" : " ").append("[call ").append(call.name()).append(' ')
                .append(call.argumentsJson()).append(']');
          }
          sb.append('\n');
        }
        case TOOL -> sb.append("Tool: ").append(m.content()).append('\n');
      }
      if (!toolsListed) {
        // no system message first: list the tools before the conversation
        StringBuilder head = new StringBuilder();
        appendTools(head, tools);
        sb.insert(0, head);
        toolsListed = true;
      }
    }
    if (addGenerationPrompt) {
      sb.append("Assistant:");
    }
    return sb.toString();
  }

  private static void appendTools(StringBuilder sb, List<ToolDefinition> tools) {
    sb.append("Tools:\n");
    for (ToolDefinition t : tools) {
      sb.append(t.name()).append(": ").append(t.description()).append('\n');
    }
    sb.append('\n');
  }

  @Override
  public List<String> stopStrings() {
    return List.of("\nUser:");
  }
}
