package io.nootropic.inference.chat;

import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.tool.ToolCall;
import io.nootropic.api.tool.ToolDefinition;
import io.nootropic.inference.internal.jinja.Interpreter;
import io.nootropic.inference.internal.jinja.TemplateError;
import io.nootropic.inference.internal.json.Json;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/// A model's chat template (`tokenizer.chat_template`, Jinja) parsed once and rendered for each
/// conversation.
///
/// Templates are rendered the way Hugging Face `transformers` renders them (`trim_blocks` and
/// `lstrip_blocks` on, the `loopcontrols` extension, `raise_exception` and `strftime_now` globals,
/// `tojson` without HTML escaping). The interpreter covers the Jinja subset published chat
/// templates use: `if/elif/else`, `for` (with `loop.*`, `else`, an `if` filter, unpacking, `break`,
/// `continue`), `set` (names, tuples, `namespace()` attributes, blocks), `macro`, `raw`,
/// `generation`; expressions with Python value semantics, filters, tests, slicing, string/dict/list
/// methods. Anything else fails with a [ChatTemplateException] naming the construct and position,
/// at [#parse(String)] time where possible.
///
/// Messages are given to the template as OpenAI-style mappings: `role` (lower case), `content`,
/// and for assistant tool calls `tool_calls: [{id, type: "function", function: {name, arguments}}]`
/// with `arguments` parsed from JSON; tool results carry `tool_call_id` and the `name` of the call
/// they answer when it can be found. Tools are `{type: "function", function: {name, description,
/// parameters}}`.
public final class ChatTemplate {

  private final String source;
  private final List<?> parsed;
  private final Clock clock;

  private ChatTemplate(String source, List<?> parsed, Clock clock) {
    this.source = source;
    this.parsed = parsed;
    this.clock = clock;
  }

  /// Parses a template.
  ///
  /// @throws ChatTemplateException when it uses a construct this interpreter does not support or
  ///     is not valid Jinja
  public static ChatTemplate parse(String source) {
    Objects.requireNonNull(source, "source");
    try {
      return new ChatTemplate(source, Interpreter.parse(source), Clock.systemDefaultZone());
    } catch (TemplateError e) {
      throw translate(source, e);
    } catch (StackOverflowError e) {
      throw new ChatTemplateException("template", "template is nested too deeply", 0, 0, false);
    }
  }

  /// The template text.
  public String source() {
    return source;
  }

  /// A copy whose `strftime_now` reads the given clock (for reproducible prompts in tests).
  public ChatTemplate withClock(Clock clock) {
    return new ChatTemplate(source, parsed, Objects.requireNonNull(clock, "clock"));
  }

  /// Renders the template with raw variables (values: `String`, `Long`/`Integer`, `Double`,
  /// `Boolean`, `null`, `List`, `Map` with string keys).
  ///
  /// @throws ChatTemplateException when rendering fails or the template raises an error
  public String render(Map<String, ?> variables) {
    Map<String, Object> vars = new HashMap<>();
    variables.forEach((k, v) -> vars.put(k, normalize(v)));
    try {
      return new Interpreter(() -> ZonedDateTime.now(clock)).render(parsed, vars);
    } catch (TemplateError e) {
      throw translate(source, e);
    } catch (StackOverflowError e) {
      throw new ChatTemplateException("template", "recursion too deep while rendering", 0, 0, false);
    }
  }

  /// Renders a conversation.
  ///
  /// @param messages            the conversation
  /// @param tools               tools offered to the model (passed as `tools`, or left undefined
  ///                            when empty, as `transformers` does)
  /// @param addGenerationPrompt whether to end with the header of an assistant turn
  /// @param bosToken            the text of the BOS token (`""` if none)
  /// @param eosToken            the text of the EOS token (`""` if none)
  /// @throws ChatTemplateException when rendering fails or the template raises an error
  public String render(List<ChatMessage> messages, List<ToolDefinition> tools, boolean addGenerationPrompt,
                       String bosToken, String eosToken) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("messages", messagesAsTemplateValues(messages));
    if (tools != null && !tools.isEmpty()) {
      vars.put("tools", toolsAsTemplateValues(tools));
    }
    vars.put("add_generation_prompt", addGenerationPrompt);
    vars.put("bos_token", bosToken == null ? "" : bosToken);
    vars.put("eos_token", eosToken == null ? "" : eosToken);
    return render(vars);
  }

  /// The OpenAI-style mappings the template sees for the given messages.
  public static List<Object> messagesAsTemplateValues(List<ChatMessage> messages) {
    Map<String, String> callNames = new HashMap<>();
    List<Object> out = new ArrayList<>();
    for (ChatMessage m : messages) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("role", m.role().name().toLowerCase(Locale.ROOT));
      map.put("content", m.content());
      if (!m.toolCalls().isEmpty()) {
        List<Object> calls = new ArrayList<>();
        for (ToolCall call : m.toolCalls()) {
          callNames.put(call.id(), call.name());
          Map<String, Object> fn = new LinkedHashMap<>();
          fn.put("name", call.name());
          fn.put("arguments", parseJsonOrKeep(call.argumentsJson()));
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("id", call.id());
          c.put("type", "function");
          c.put("function", fn);
          calls.add(c);
        }
        map.put("tool_calls", calls);
      }
      if (m.toolCallId() != null) {
        map.put("tool_call_id", m.toolCallId());
        String name = callNames.get(m.toolCallId());
        if (name != null) {
          map.put("name", name);
        }
      }
      out.add(map);
    }
    return out;
  }

  /// The OpenAI-style mappings the template sees for the given tools.
  public static List<Object> toolsAsTemplateValues(List<ToolDefinition> tools) {
    List<Object> out = new ArrayList<>();
    for (ToolDefinition t : tools) {
      Map<String, Object> fn = new LinkedHashMap<>();
      fn.put("name", t.name());
      fn.put("description", t.description());
      fn.put("parameters", parseJsonOrKeep(t.parameters().json()));
      Map<String, Object> tool = new LinkedHashMap<>();
      tool.put("type", "function");
      tool.put("function", fn);
      out.add(tool);
    }
    return out;
  }

  private static Object parseJsonOrKeep(String json) {
    try {
      return Json.parse(json);
    } catch (Json.JsonException e) {
      return json;
    }
  }

  private static Object normalize(Object v) {
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof Short s) {
      return s.longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(normalize(o));
      }
      return out;
    }
    return v;
  }

  private static ChatTemplateException translate(String source, TemplateError e) {
    int line = 0;
    int column = 0;
    if (e.offset() >= 0 && e.offset() <= source.length()) {
      line = 1;
      int lineStart = 0;
      for (int k = 0; k < e.offset(); k++) {
        if (source.charAt(k) == '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      column = e.offset() - lineStart + 1;
    }
    return new ChatTemplateException(e.construct(), e.getMessage(), line, column, e.raised());
  }
}
