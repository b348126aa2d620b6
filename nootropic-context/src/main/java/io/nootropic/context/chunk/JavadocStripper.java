package io.nootropic.context.chunk;

/// Blanks Java documentation comments (`/** ... */` and `///` lines) while keeping every line
/// break, so line numbers stay valid. Strings, text blocks, character literals and other
/// comments are left alone.
final class JavadocStripper {

  private JavadocStripper() { }

  /// Returns `text` with documentation comments replaced by spaces (line breaks kept).
  public static String strip(String text) {
    StringBuilder sb = new StringBuilder(text);
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        if (i + 2 < n && text.charAt(i + 2) == '/') {
          blank(sb, i, end);
        }
        i = end;
        continue;
      }
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        int end = close < 0 ? n : close + 2;
        boolean doc = i + 2 < n && text.charAt(i + 2) == '*' && !(i + 3 < n && text.charAt(i + 3) == '/');
        if (doc) {
          blank(sb, i, end);
        }
        i = end;
        continue;
      }
      if (c == '"') {
        if (text.startsWith("\"\"\"", i)) {
          int close = i + 3;
          while (true) {
            close = text.indexOf("\"\"\"", close);
            if (close < 0 || text.charAt(close - 1) != '\\') {
              break;
            }
            close++;
          }
          i = close < 0 ? n : close + 3;
          continue;
        }
        int j = i + 1;
        while (j < n && text.charAt(j) != '"' && text.charAt(j) != '\n') {
          j += text.charAt(j) == '\\' ? 2 : 1;
        }
        i = Math.min(n, j + 1);
        continue;
      }
      if (c == '\'') {
        int j = i + 1;
        while (j < n && text.charAt(j) != '\'' && text.charAt(j) != '\n') {
          j += text.charAt(j) == '\\' ? 2 : 1;
        }
        i = Math.min(n, j + 1);
        continue;
      }
      i++;
    }
    return sb.toString();
  }

  private static void blank(StringBuilder sb, int from, int to) {
    for (int k = from; k < to && k < sb.length(); k++) {
      char ch = sb.charAt(k);
      if (ch != '\n' && ch != '\r') {
        sb.setCharAt(k, ' ');
      }
    }
  }
}
