package io.nootropic.inference.internal.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Reads JSON into plain Java values (`LinkedHashMap`, `ArrayList`, `String`, `Long`, `Double`,
/// `Boolean`, `null`) and writes such values back in the layout of Python's `json.dumps`
/// (the layout chat templates' `tojson` produces).
public final class Json {

  /// Nesting deeper than this is refused.
  public static final int MAX_DEPTH = 256;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /// Thrown for malformed JSON; the message names the offset.
  public static final class JsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    JsonException(String message) {
      super(message);
    }
  }

  /// Parses one JSON value filling the whole text.
  ///
  /// @throws JsonException when the text is not valid JSON
  public static Object parse(String text) {
    Json p = new Json(text);
    p.skipWs();
    Object v = p.value(0);
    p.skipWs();
    if (p.pos != text.length()) {
      throw p.error("unexpected trailing characters");
    }
    return v;
  }

  private JsonException error(String what) {
    return new JsonException("invalid JSON at offset " + pos + ": " + what);
  }

  private void skipWs() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        break;
      }
    }
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{': {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWs();
        if (peek() == '}') {
          pos++;
          return map;
        }
        while (true) {
          skipWs();
          if (peek() != '"') {
            throw error("expected a string key");
          }
          String key = string();
          skipWs();
          expect(':');
          skipWs();
          map.put(key, value(depth + 1));
          skipWs();
          char d = peek();
          pos++;
          if (d == '}') {
            return map;
          }
          if (d != ',') {
            pos--;
            throw error("expected ',' or '}'");
          }
        }
      }
      case '[': {
        pos++;
        List<Object> list = new ArrayList<>();
        skipWs();
        if (peek() == ']') {
          pos++;
          return list;
        }
        while (true) {
          skipWs();
          list.add(value(depth + 1));
          skipWs();
          char d = peek();
          pos++;
          if (d == ']') {
            return list;
          }
          if (d != ',') {
            pos--;
            throw error("expected ',' or ']'");
          }
        }
      }
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void literal(String word) {
    if (!text.startsWith(word, pos)) {
      throw error("expected " + word);
    }
    pos += word.length();
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    boolean fraction = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c >= '0' && c <= '9') {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        fraction = true;
        pos++;
      } else {
        break;
      }
    }
    String s = text.substring(start, pos);
    try {
      if (!fraction) {
        try {
          return Long.parseLong(s);
        } catch (NumberFormatException tooBig) {
          return Double.parseDouble(s);
        }
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("malformed number '" + s + "'");
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          throw error("unterminated escape");
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case '/' -> sb.append('/');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("short \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      } else if (c < 0x20) {
        throw error("control character in string");
      } else {
        sb.append(c);
      }
    }
  }

  /// Writes a value like Python's `json.dumps(value, ensure_ascii=False)`: `", "` and `": "`
  /// separators without indent; with `indent >= 0`, one item per line indented by that many
  /// spaces and `","` separators.
  public static String write(Object value, int indent) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, indent, 0);
    return sb.toString();
  }

  /// Writes a value compactly with Python's default separators (`", "`, `": "`).
  public static String write(Object value) {
    return write(value, -1);
  }

  private static void newline(StringBuilder sb, int indent, int level) {
    sb.append('\n');
    sb.repeat(' ', indent * level);
  }

  private static void write(StringBuilder sb, Object value, int indent, int level) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      quote(sb, s);
    } else if (value instanceof Boolean b) {
      sb.append(b ? "true" : "false");
    } else if (value instanceof Double d) {
      sb.append(formatDouble(d));
    } else if (value instanceof Float f) {
      sb.append(formatDouble(f.doubleValue()));
    } else if (value instanceof Number n) {
      sb.append(n.longValue());
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          sb.append(indent >= 0 ? "," : ", ");
        }
        first = false;
        if (indent >= 0) {
          newline(sb, indent, level + 1);
        }
        quote(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue(), indent, level + 1);
      }
      if (indent >= 0) {
        newline(sb, indent, level);
      }
      sb.append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      boolean first = true;
      for (Object o : list) {
        if (!first) {
          sb.append(indent >= 0 ? "," : ", ");
        }
        first = false;
        if (indent >= 0) {
          newline(sb, indent, level + 1);
        }
        write(sb, o, indent, level + 1);
      }
      if (indent >= 0) {
        newline(sb, indent, level);
      }
      sb.append(']');
    } else {
      quote(sb, value.toString());
    }
  }

  /// A double the way Python's `repr` writes it (`1.0`, `0.5`, `1e-07`, `NaN`, `Infinity`).
  public static String formatDouble(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e16) {
      return (long) d + ".0";
    }
    String s = Double.toString(d);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int exp = Integer.parseInt(s.substring(e + 1));
    return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
