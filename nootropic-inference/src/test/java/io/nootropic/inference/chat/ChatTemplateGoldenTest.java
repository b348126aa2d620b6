package io.nootropic.inference.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.JsonSchema;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.Role;
import io.nootropic.api.tool.ToolCall;
import io.nootropic.api.tool.ToolDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// Renders published chat templates (see `src/test/resources/chat-templates/SOURCES.md`) for a
/// fixed conversation. Expected prompts are written by hand from each model's documented format.
class ChatTemplateGoldenTest {

  static final List<ChatMessage> CONVERSATION = List.of(
      ChatMessage.system("You are a helpful assistant."),
      ChatMessage.user("Hello!"),
      ChatMessage.assistant("Hi there."),
      ChatMessage.user("What is 2+2?"));

  static final List<ChatMessage> NO_SYSTEM = CONVERSATION.subList(1, 4);

  static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

  static ChatTemplate load(String name) {
    try (InputStream in = ChatTemplateGoldenTest.class.getResourceAsStream("/chat-templates/" + name)) {
      return ChatTemplate.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).withClock(FIXED);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void llama31() {
    String out = load("llama-3.1.jinja").render(CONVERSATION, List.of(), true, "<|begin_of_text|>", "<|eot_id|>");
    assertThat(out).isEqualTo("<|begin_of_text|>"
        + "<|start_header_id|>system<|end_header_id|>\n\n"
        + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n"
        + "You are a helpful assistant.<|eot_id|>"
        + "<|start_header_id|>user<|end_header_id|>\n\nHello!<|eot_id|>"
        + "<|start_header_id|>assistant<|end_header_id|>\n\nHi there.<|eot_id|>"
        + "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>"
        + "<|start_header_id|>assistant<|end_header_id|>\n\n");
  }

  @Test
  void llama32UsesTodaysDateAndTrimsContent() {
    List<ChatMessage> padded = List.of(ChatMessage.user("  Hello!\n"));
    String out = load("llama-3.2.jinja").render(padded, List.of(), true, "<|begin_of_text|>", "<|eot_id|>");
    assertThat(out).isEqualTo("<|begin_of_text|>"
        + "<|start_header_id|>system<|end_header_id|>\n\n"
        + "Cutting Knowledge Date: December 2023\nToday Date: 24 Nov 2026\n\n"
        + "<|eot_id|>"
        + "<|start_header_id|>user<|end_header_id|>\n\nHello!<|eot_id|>"
        + "<|start_header_id|>assistant<|end_header_id|>\n\n");
  }

  static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Get the weather",
      JsonSchema.of("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));

  static final List<ChatMessage> TOOL_CONVERSATION = List.of(
      ChatMessage.system("You are a helpful assistant."),
      ChatMessage.user("Weather in Paris?"),
      new ChatMessage(Role.ASSISTANT, "", List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), null),
      ChatMessage.tool("call_1", "{\"temp\": 21}"));

  @Test
  void llama31ToolsInTheFirstUserMessageWithIndentedJson() {
    String out = load("llama-3.1.jinja").render(TOOL_CONVERSATION, List.of(WEATHER), true, "<|begin_of_text|>", "");
    String toolJson = "{\n"
        + "    \"type\": \"function\",\n"
        + "    \"function\": {\n"
        + "        \"name\": \"get_weather\",\n"
        + "        \"description\": \"Get the weather\",\n"
        + "        \"parameters\": {\n"
        + "            \"type\": \"object\",\n"
        + "            \"properties\": {\n"
        + "                \"city\": {\n"
        + "                    \"type\": \"string\"\n"
        + "                }\n"
        + "            },\n"
        + "            \"required\": [\n"
        + "                \"city\"\n"
        + "            ]\n"
        + "        }\n"
        + "    }\n"
        + "}";
    assertThat(out).isEqualTo("<|begin_of_text|>"
        + "<|start_header_id|>system<|end_header_id|>\n\n"
        + "Environment: ipython\n"
        + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n"
        + "You are a helpful assistant.<|eot_id|>"
        + "<|start_header_id|>user<|end_header_id|>\n\n"
        + "Given the following functions, please respond with a JSON for a function call "
        + "with its proper arguments that best answers the given prompt.\n\n"
        + "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name and its value}."
        + "Do not use variables.\n\n"
        + toolJson + "\n\n"
        + "Weather in Paris?<|eot_id|>"
        + "<|start_header_id|>assistant<|end_header_id|>\n\n"
        + "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eot_id|>"
        + "<|start_header_id|>ipython<|end_header_id|>\n\n"
        // a string is `iterable` in Jinja, so this template JSON-quotes string tool results
        + "\"{\\\"temp\\\": 21}\"<|eot_id|>"
        + "<|start_header_id|>assistant<|end_header_id|>\n\n");
  }

  @Test
  void qwen25() {
    String out = load("qwen2.5.jinja").render(CONVERSATION, List.of(), true, "", "<|im_end|>");
    assertThat(out).isEqualTo("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
        + "<|im_start|>user\nHello!<|im_end|>\n"
        + "<|im_start|>assistant\nHi there.<|im_end|>\n"
        + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
        + "<|im_start|>assistant\n");
  }

  @Test
  void qwen25DefaultSystemPrompt() {
    String out = load("qwen2.5.jinja").render(List.of(ChatMessage.user("Hi")), List.of(), false, "", "");
    assertThat(out).isEqualTo("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant."
        + "<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n");
  }

  static final String QWEN_TOOLS_HEADER = "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
      + "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
      + "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\": \"Get the weather\", "
      + "\"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}}}\n"
      + "</tools>\n\nFor each function call, return a json object with function name and arguments within "
      + "<tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n"
      + "</tool_call><|im_end|>\n";

  @Test
  void qwen25WithToolsToolCallAndToolResult() {
    String out = load("qwen2.5.jinja").render(TOOL_CONVERSATION, List.of(WEATHER), true, "", "");
    assertThat(out).isEqualTo("<|im_start|>system\nYou are a helpful assistant.\n\n" + QWEN_TOOLS_HEADER
        + "<|im_start|>user\nWeather in Paris?<|im_end|>\n"
        + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call><|im_end|>\n"
        + "<|im_start|>user\n<tool_response>\n{\"temp\": 21}\n</tool_response><|im_end|>\n"
        + "<|im_start|>assistant\n");
  }

  @Test
  void qwen3() {
    String out = load("qwen3.jinja").render(CONVERSATION, List.of(), true, "", "");
    assertThat(out).isEqualTo("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
        + "<|im_start|>user\nHello!<|im_end|>\n"
        + "<|im_start|>assistant\nHi there.<|im_end|>\n"
        + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
        + "<|im_start|>assistant\n");
  }

  @Test
  void qwen3DropsPastReasoningAndCanDisableThinking() {
    List<ChatMessage> conv = List.of(
        ChatMessage.user("Hello!"),
        ChatMessage.assistant("<think>\nThe user greets me.\n</think>\n\nHi there."),
        ChatMessage.user("What is 2+2?"));
    Map<String, Object> vars = new HashMap<>();
    vars.put("messages", ChatTemplate.messagesAsTemplateValues(conv));
    vars.put("add_generation_prompt", true);
    vars.put("enable_thinking", false);
    String out = load("qwen3.jinja").render(vars);
    assertThat(out).isEqualTo("<|im_start|>user\nHello!<|im_end|>\n"
        + "<|im_start|>assistant\nHi there.<|im_end|>\n"
        + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
        + "<|im_start|>assistant\n<think>\n\n</think>\n\n");
  }

  @Test
  void qwen3KeepsReasoningAfterTheLastQueryAndRendersTools() {
    List<ChatMessage> conv = List.of(
        ChatMessage.user("Weather in Paris?"),
        new ChatMessage(Role.ASSISTANT, "<think>Need the tool.</think>Let me check.",
            List.of(new ToolCall("c1", "get_weather", "{\"city\": \"Paris\"}")), null),
        ChatMessage.tool("c1", "sunny"));
    String out = load("qwen3.jinja").render(conv, List.of(WEATHER), true, "", "");
    assertThat(out).isEqualTo("<|im_start|>system\n" + QWEN_TOOLS_HEADER
        + "<|im_start|>user\nWeather in Paris?<|im_end|>\n"
        + "<|im_start|>assistant\n<think>\nNeed the tool.\n</think>\n\nLet me check.\n"
        + "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call><|im_end|>\n"
        + "<|im_start|>user\n<tool_response>\nsunny\n</tool_response><|im_end|>\n"
        + "<|im_start|>assistant\n");
  }

  @Test
  void smolLm2() {
    ChatTemplate t = load("smollm2.jinja");
    assertThat(t.render(CONVERSATION, List.of(), true, "", "")).isEqualTo(
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
            + "<|im_start|>user\nHello!<|im_end|>\n"
            + "<|im_start|>assistant\nHi there.<|im_end|>\n"
            + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
            + "<|im_start|>assistant\n");
    assertThat(t.render(List.of(ChatMessage.user("Hi")), List.of(), true, "", "")).isEqualTo(
        "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
            + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void mistral() {
    String out = load("mistral-instruct-v0.2.jinja").render(NO_SYSTEM, List.of(), true, "<s>", "</s>");
    assertThat(out).isEqualTo("<s>[INST] Hello! [/INST]Hi there.</s>[INST] What is 2+2? [/INST]");
  }

  @Test
  void mistralRaisesOnASystemMessage() {
    ChatTemplate t = load("mistral-instruct-v0.2.jinja");
    assertThatThrownBy(() -> t.render(CONVERSATION, List.of(), true, "<s>", "</s>"))
        .isInstanceOf(ChatTemplateException.class)
        .hasMessageContaining("Conversation roles must alternate")
        .satisfies(e -> assertThat(((ChatTemplateException) e).raisedByTemplate()).isTrue())
        .satisfies(e -> assertThat(((ChatTemplateException) e).line()).isEqualTo(1));
  }

  @Test
  void phi3() {
    ChatTemplate t = load("phi-3.jinja");
    assertThat(t.render(CONVERSATION, List.of(), true, "<s>", "<|endoftext|>")).isEqualTo(
        "<|system|>\nYou are a helpful assistant.<|end|>\n"
            + "<|user|>\nHello!<|end|>\n"
            + "<|assistant|>\nHi there.<|end|>\n"
            + "<|user|>\nWhat is 2+2?<|end|>\n"
            + "<|assistant|>\n");
    assertThat(t.render(List.of(ChatMessage.user("Hi")), List.of(), false, "<s>", "<|endoftext|>"))
        .isEqualTo("<|user|>\nHi<|end|>\n<|endoftext|>");
  }

  @Test
  void zephyrTinyLlamaReliesOnTrimBlocks() {
    String out = load("zephyr-tinyllama.jinja").render(CONVERSATION, List.of(), true, "<s>", "</s>");
    assertThat(out).isEqualTo("<|system|>\nYou are a helpful assistant.</s>\n"
        + "<|user|>\nHello!</s>\n"
        + "<|assistant|>\nHi there.</s>\n"
        + "<|user|>\nWhat is 2+2?</s>\n"
        + "<|assistant|>\n");
  }
}
