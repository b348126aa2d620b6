package io.nootropic.inference;

import io.nootropic.api.tool.ToolCall;
import io.nootropic.inference.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// Finds tool calls in generated text, in the two formats published chat templates ask for:
/// Hermes/Qwen `<tool_call>{"name": ..., "arguments": {...}}</tool_call>` blocks, and a whole
/// answer that is one JSON object `{"name": ..., "parameters"|"arguments": {...}}` (Llama 3.x).
/// Only names of offered tools count; anything else stays plain text.
final class ToolCallParser {

  private ToolCallParser() { }

  /// The text with the calls removed, and the calls found.
  record Parsed(String text, List<ToolCall> calls) { }

  static Parsed parse(String text, java.util.Set<String> toolNames) {
    List<ToolCall> calls = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    int pos = 0;
    while (true) {
      int open = text.indexOf("<tool_call>", pos);
      if (open < 0) {
        break;
      }
      int close = text.indexOf("</tool_call>", open);
      int bodyEnd = close < 0 ? text.length() : close;
      ToolCall call = toCall(text.substring(open + "<tool_call>".length(), bodyEnd), toolNames, calls.size());
      if (call == null) {
        break;
      }
      rest.append(text, pos, open);
      calls.add(call);
      pos = close < 0 ? text.length() : close + "</tool_call>".length();
    }
    if (!calls.isEmpty()) {
      rest.append(text.substring(pos));
      return new Parsed(rest.toString().strip(), calls);
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("<|python_tag|>")) {
      trimmed = trimmed.substring("<|python_tag|>".length()).strip();
    }
    if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
      ToolCall call = toCall(trimmed, toolNames, 0);
      if (call != null) {
        return new Parsed("", List.of(call));
      }
    }
    return new Parsed(text, List.of());
  }

  private static ToolCall toCall(String json, java.util.Set<String> toolNames, int index) {
    Object parsed;
    try {
      parsed = Json.parse(json.strip());
    } catch (Json.JsonException e) {
      return null;
    }
    if (!(parsed instanceof Map<?, ?> m) || !(m.get("name") instanceof String name) || !toolNames.contains(name)) {
      return null;
    }
    Object args = m.containsKey("arguments") ? m.get("arguments") : m.get("parameters");
    String argsJson;
    if (args instanceof String s) {
      argsJson = s;
    } else if (args == null) {
      argsJson = "{}";
    } else {
      argsJson = Json.write(args);
    }
    return new ToolCall("call_" + index, name, argsJson);
  }
}
