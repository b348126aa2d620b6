package io.nootropic.inference.internal.jinja;

import java.util.ArrayList;
import java.util.List;

/// Splits a template into text, `{{ }}`, `{% %}` parts and the tokens inside the tags, applying the
/// whitespace rules chat templates are rendered with (Hugging Face's `trim_blocks=True`,
/// `lstrip_blocks=True`, plus `-` and `+` markers).
final class Lexer {

  enum Kind { TEXT, VAR_START, VAR_END, BLOCK_START, BLOCK_END, NAME, STRING, INT, FLOAT, OP, EOF }

  record Token(Kind kind, String text, int offset) { }

  private final String src;
  private final List<Token> out = new ArrayList<>();
  private final StringBuilder pendingText = new StringBuilder();
  private int pendingOffset = 0;
  private int pos;

  private Lexer(String src) {
    this.src = src;
  }

  static List<Token> tokenize(String src) {
    // Jinja's default keep_trailing_newline=False: one trailing newline of the source is dropped
    if (src.endsWith("\r\n")) {
      src = src.substring(0, src.length() - 2);
    } else if (src.endsWith("\n")) {
      src = src.substring(0, src.length() - 1);
    }
    Lexer lx = new Lexer(src);
    lx.run();
    return lx.out;
  }

  private TemplateError error(String construct, String message, int offset) {
    return new TemplateError(construct, message, offset);
  }

  private void run() {
    boolean stripNextLeading = false;   // after a '-' closer
    boolean trimNextNewline = false;    // trim_blocks after a block or comment closer
    while (pos < src.length()) {
      int next = findTagStart(pos);
      int textEnd = next < 0 ? src.length() : next;
      int textStart = pos;
      String text = src.substring(textStart, textEnd);
      if (stripNextLeading) {
        text = stripLeading(text);
        stripNextLeading = false;
      } else if (trimNextNewline) {
        if (text.startsWith("\r\n")) {
          text = text.substring(2);
        } else if (text.startsWith("\n")) {
          text = text.substring(1);
        }
      }
      trimNextNewline = false;
      if (next < 0) {
        emitText(text, textStart);
        break;
      }
      char type = src.charAt(next + 1); // '{', '%' or '#'
      int p = next + 2;
      boolean minus = p < src.length() && src.charAt(p) == '-';
      boolean plus = p < src.length() && src.charAt(p) == '+';
      if (minus) {
        text = stripTrailing(text);
      } else if (!plus && type != '{') {
        text = lstripBlock(text, next);
      }
      if (minus || plus) {
        p++;
      }
      emitText(text, textStart);
      if (type == '#') {
        int end = src.indexOf("#}", p);
        if (end < 0) {
          throw error("comment", "unterminated comment", next);
        }
        boolean closeMinus = end > p && src.charAt(end - 1) == '-';
        pos = end + 2;
        stripNextLeading = closeMinus;
        trimNextNewline = !closeMinus;
        continue;
      }
      if (type == '%' && isRawStart(p)) {
        pos = lexRaw(next, p);
        trimNextNewline = true;
        continue;
      }
      flushText();
      out.add(new Token(type == '{' ? Kind.VAR_START : Kind.BLOCK_START, type == '{' ? "{{" : "{%", next));
      String closer = type == '{' ? "}}" : "%}";
      pos = p;
      boolean closeMinus = lexInside(closer, next);
      out.add(new Token(type == '{' ? Kind.VAR_END : Kind.BLOCK_END, closer, pos - 2));
      if (closeMinus) {
        stripNextLeading = true;
      } else if (type == '%' && !(pos >= 3 && src.charAt(pos - 3) == '+')) {
        trimNextNewline = true;
      }
    }
    flushText();
    out.add(new Token(Kind.EOF, "", src.length()));
  }

  private boolean isRawStart(int p) {
    int q = p;
    while (q < src.length() && Character.isWhitespace(src.charAt(q))) {
      q++;
    }
    if (!src.startsWith("raw", q)) {
      return false;
    }
    q += 3;
    while (q < src.length() && Character.isWhitespace(src.charAt(q))) {
      q++;
    }
    return src.startsWith("%}", q) || src.startsWith("-%}", q);
  }

  private int lexRaw(int tagStart, int p) {
    int close = src.indexOf("%}", p);
    int bodyStart = close + 2;
    int search = bodyStart;
    while (true) {
      int end = src.indexOf("{%", search);
      if (end < 0) {
        throw error("raw", "{% raw %} without {% endraw %}", tagStart);
      }
      int q = end + 2;
      boolean minus = q < src.length() && (src.charAt(q) == '-' || src.charAt(q) == '+');
      if (minus) {
        q++;
      }
      while (q < src.length() && Character.isWhitespace(src.charAt(q))) {
        q++;
      }
      if (src.startsWith("endraw", q)) {
        int endClose = src.indexOf("%}", q);
        if (endClose < 0) {
          throw error("raw", "unterminated endraw tag", end);
        }
        String body = src.substring(bodyStart, end);
        if (src.charAt(end + 2) == '-') {
          body = stripTrailing(body);
        }
        emitText(body, bodyStart);
        return endClose + 2;
      }
      search = end + 2;
    }
  }

  private int findTagStart(int from) {
    int i = from;
    while (true) {
      int j = src.indexOf('{', i);
      if (j < 0 || j + 1 >= src.length()) {
        return -1;
      }
      char c = src.charAt(j + 1);
      if (c == '{' || c == '%' || c == '#') {
        return j;
      }
      i = j + 1;
    }
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static String stripTrailing(String s) {
    int i = s.length();
    while (i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
      i--;
    }
    return s.substring(0, i);
  }

  /// lstrip_blocks: spaces and tabs between the start of the line and a block tag are removed.
  private String lstripBlock(String text, int tagStart) {
    int q = tagStart;
    while (q > 0 && (src.charAt(q - 1) == ' ' || src.charAt(q - 1) == '\t')) {
      q--;
    }
    if (q == tagStart || !(q == 0 || src.charAt(q - 1) == '\n' || src.charAt(q - 1) == '\r')) {
      return text;
    }
    int n = Math.min(tagStart - q, text.length());
    int i = text.length();
    while (i > text.length() - n && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
      i--;
    }
    return text.substring(0, i);
  }

  private void emitText(String text, int offset) {
    if (text.isEmpty()) {
      return;
    }
    if (pendingText.isEmpty()) {
      pendingOffset = offset;
    }
    pendingText.append(text);
  }

  private void flushText() {
    if (!pendingText.isEmpty()) {
      out.add(new Token(Kind.TEXT, pendingText.toString(), pendingOffset));
      pendingText.setLength(0);
    }
  }

  /// Lexes tokens up to the closer; returns whether the closer had a `-`.
  private boolean lexInside(String closer, int tagStart) {
    while (true) {
      while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
        pos++;
      }
      if (pos >= src.length()) {
        throw error("tag", "tag opened here is never closed with " + closer, tagStart);
      }
      if (src.startsWith("-" + closer, pos)) {
        pos += 3;
        return true;
      }
      if (src.startsWith("+" + closer, pos)) {
        pos += 3;
        return false;
      }
      if (src.startsWith(closer, pos)) {
        pos += 2;
        return false;
      }
      char c = src.charAt(pos);
      int start = pos;
      if (Character.isLetter(c) || c == '_') {
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
          pos++;
        }
        out.add(new Token(Kind.NAME, src.substring(start, pos), start));
      } else if (Character.isDigit(c)) {
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
          pos++;
        }
        boolean isFloat = false;
        if (pos + 1 < src.length() && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
          isFloat = true;
          pos++;
          while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
          }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
          int save = pos;
          pos++;
          if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
            pos++;
          }
          if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            isFloat = true;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
              pos++;
            }
          } else {
            pos = save;
          }
        }
        out.add(new Token(isFloat ? Kind.FLOAT : Kind.INT, src.substring(start, pos).replace("_", ""), start));
      } else if (c == '\'' || c == '"') {
        out.add(new Token(Kind.STRING, readString(c), start));
      } else {
        String[] ops = {"==", "!=", "<=", ">=", "//", "**", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "~",
            "+", "-", "*", "/", "%", "<", ">", "="};
        String found = null;
        for (String op : ops) {
          if (src.startsWith(op, pos)) {
            found = op;
            break;
          }
        }
        if (found == null) {
          throw error("character '" + c + "'", "unexpected character '" + c + "' in tag", pos);
        }
        pos += found.length();
        out.add(new Token(Kind.OP, found, start));
      }
    }
  }

  private String readString(char quote) {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length()) {
        throw error("string literal", "unterminated string literal", start);
      }
      char c = src.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\\' && pos < src.length()) {
        char e = src.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case '\\' -> sb.append('\\');
          case '\'' -> sb.append('\'');
          case '"' -> sb.append('"');
          case '0' -> sb.append('\0');
          case 'u' -> {
            if (pos + 4 > src.length()) {
              throw error("string literal", "short \\u escape", pos - 2);
            }
            try {
              sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("string literal", "bad \\u escape", pos - 2);
            }
            pos += 4;
          }
          case 'x' -> {
            if (pos + 2 > src.length()) {
              throw error("string literal", "short \\x escape", pos - 2);
            }
            try {
              sb.append((char) Integer.parseInt(src.substring(pos, pos + 2), 16));
            } catch (NumberFormatException ex) {
              throw error("string literal", "bad \\x escape", pos - 2);
            }
            pos += 2;
          }
          case '\n' -> { }
          default -> sb.append('\\').append(e);
        }
      } else {
        sb.append(c);
      }
    }
  }
}
