package io.nootropic.context.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Finds Python `def`, `async def` and `class` blocks by indentation. Lines inside triple-quoted
/// strings and inside open brackets neither start nor end a block; decorators and comments right
/// above a definition belong to it.
final class PythonDecls {

  private static final Pattern DEF = Pattern.compile("^(?:async\\s+def|def|class)\\s+([A-Za-z_]\\w*)");
  private static final int MAX_DEPTH = 64;

  private PythonDecls() { }

  /// Returns the top-level declarations of `lines` (1-based line numbers). Never throws.
  public static List<Decl> find(String[] lines) {
    int n = lines.length;
    int[] indent = new int[n];
    boolean[] logicalStart = new boolean[n];   // a line that starts a statement (not string/bracket continuation)
    boolean[] blank = new boolean[n];
    String inString = null;
    int brackets = 0;
    for (int i = 0; i < n; i++) {
      String l = lines[i];
      indent[i] = indentOf(l);
      blank[i] = l.isBlank();
      logicalStart[i] = inString == null && brackets == 0 && !blank[i];
      // scan the line for strings, comments and brackets
      int j = 0;
      while (j < l.length()) {
        if (inString != null) {
          int close = l.indexOf(inString, j);
          if (close < 0) {
            j = l.length();
          } else {
            j = close + 3;
            inString = null;
          }
          continue;
        }
        char c = l.charAt(j);
        if (c == '#') {
          break;
        }
        if (c == '"' || c == '\'') {
          String triple = String.valueOf(c).repeat(3);
          if (l.startsWith(triple, j)) {
            inString = triple;
            j += 3;
            continue;
          }
          int k = j + 1;
          while (k < l.length() && l.charAt(k) != c) {
            k += l.charAt(k) == '\\' ? 2 : 1;
          }
          j = k + 1;
          continue;
        }
        if (c == '(' || c == '[' || c == '{') {
          brackets++;
        } else if ((c == ')' || c == ']' || c == '}') && brackets > 0) {
          brackets--;
        }
        j++;
      }
      if (l.endsWith("\\") && inString == null) {
        brackets = Math.max(brackets, 0);
      }
    }
    List<Decl> flat = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!logicalStart[i]) {
        continue;
      }
      Matcher m = DEF.matcher(lines[i].stripLeading());
      if (!m.find() || indent[i] / 4 > MAX_DEPTH) {
        continue;
      }
      int end = i;
      for (int j = i + 1; j < n; j++) {
        if (blank[j] || !logicalStart[j]) {
          if (!blank[j]) {
            end = j;
          }
          continue;
        }
        if (indent[j] <= indent[i]) {
          break;
        }
        end = j;
      }
      int start = i;
      while (start > 0 && logicalStart[start - 1] && indent[start - 1] == indent[i]
          && (lines[start - 1].stripLeading().startsWith("@") || lines[start - 1].stripLeading().startsWith("#"))) {
        start--;
      }
      flat.add(new Decl(m.group(1), start + 1, end + 1));
    }
    return Decl.nest(flat);
  }

  private static int indentOf(String l) {
    int w = 0;
    for (int i = 0; i < l.length(); i++) {
      char c = l.charAt(i);
      if (c == ' ') {
        w++;
      } else if (c == '\t') {
        w = (w / 8 + 1) * 8;
      } else {
        break;
      }
    }
    return w;
  }
}
