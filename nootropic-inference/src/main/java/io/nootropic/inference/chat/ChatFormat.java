package io.nootropic.inference.chat;

import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.tool.ToolDefinition;
import java.util.List;
import java.util.Objects;

/// Turns a conversation into the prompt text a model expects: the model's own chat template, or
/// the [#simple()] fallback for models that ship none.
public interface ChatFormat {

  /// The prompt for a conversation, ending with the start of an assistant turn when
  /// `addGenerationPrompt` is set.
  ///
  /// @throws ChatTemplateException when the template cannot render the conversation
  String render(List<ChatMessage> messages, List<ToolDefinition> tools, boolean addGenerationPrompt);

  /// Extra stop strings generation should use with this format (the fallback stops before the
  /// model starts writing the next user turn itself).
  default List<String> stopStrings() {
    return List.of();
  }

  /// Whether this is the model's own template (as opposed to the fallback).
  default boolean isModelTemplate() {
    return false;
  }

  /// The model's template with its BOS/EOS token texts.
  static ChatFormat of(ChatTemplate template, String bosToken, String eosToken) {
    Objects.requireNonNull(template, "template");
    return new ChatFormat() {
      @Override
      public String render(List<ChatMessage> messages, List<ToolDefinition> tools, boolean addGenerationPrompt) {
        return template.render(messages, tools, addGenerationPrompt, bosToken, eosToken);
      }

      @Override
      public boolean isModelTemplate() {
        return true;
      }
    };
  }

  /// The fallback for models without a chat template (base models such as TinyStories). Each
  /// message is one block: a system message as its bare text followed by a blank line; then
  /// `User: <text>\n`, `Assistant: <text>\n`, `Tool: <text>\n`; the generation prompt is
  /// `Assistant:`. Tools are listed after the system text as `Tools: <name>: <description>` lines.
  /// Generation stops at `\nUser:`.
  static ChatFormat simple() {
    return SimpleChatFormat.INSTANCE;
  }
}
