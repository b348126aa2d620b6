package io.nootropic.context.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Finds declarations in brace-delimited languages (Kotlin, JavaScript/TypeScript, Go, Rust,
/// C-family, and Java when JavaParser gives up) with a lexical scan: strings, characters and
/// comments are skipped, each `{` is classified by the code that precedes it since the last `;`,
/// `{`, `}` or blank line, and the matching `}` closes the declaration.
final class BraceDecls {

  private static final int MAX_DEPTH = 64;

  private static final Set<String> NOT_NAMES = Set.of(
      "if", "for", "while", "switch", "catch", "else", "do", "try", "finally", "synchronized", "return",
      "when", "foreach", "using", "lock", "sizeof", "match", "loop", "unsafe", "static", "new", "throw",
      "case", "default", "typeof", "await", "yield", "with", "select", "go", "defer", "init", "get", "set",
      "where", "in", "is", "as", "and", "or", "not", "assert", "elseif", "then", "function", "fun", "fn",
      "func", "def", "class", "struct", "enum", "interface", "trait", "impl", "extern", "const", "let", "var");

  private static final Pattern TYPE = Pattern.compile(
      "\\b(?:class|interface|enum|record|object|struct|namespace|trait|union|module|mod|protocol|extension)\\s+"
          + "(?:class\\s+)?([A-Za-z_$][\\w$]*)");
  private static final Pattern KOTLIN_FUN = Pattern.compile(
      "\\bfun\\s+(?:<[^>]*>\\s*)?(?:[\\w.<>?]+\\.)?([A-Za-z_][\\w]*)\\s*\\(");
  private static final Pattern JS_FUNCTION = Pattern.compile("\\bfunction\\s*\\*?\\s*([A-Za-z_$][\\w$]*)");
  private static final Pattern JS_ASSIGNED = Pattern.compile(
      "([A-Za-z_$][\\w$]*)\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|(?:\\([^()]*+\\)|[A-Za-z_$][\\w$]*+)\\s*(?::[^=]*)?=>)");
  private static final Pattern GO_FUNC = Pattern.compile("\\bfunc\\s*(?:\\([^)]*\\)\\s*)?([A-Za-z_]\\w*)");
  private static final Pattern GO_TYPE = Pattern.compile("\\btype\\s+([A-Za-z_]\\w*)");
  private static final Pattern RUST_FN = Pattern.compile("\\bfn\\s+([A-Za-z_]\\w*)");
  private static final Pattern RUST_IMPL = Pattern.compile(
      "\\bimpl\\b(?:\\s*<[^{]*?>)?\\s+(?:[\\w:<>, &']+?\\s+for\\s+)?([A-Za-z_][\\w:]*)");
  private static final Pattern CALL_LIKE = Pattern.compile(
      "([A-Za-z_$~][\\w$]*+(?:::[A-Za-z_~][\\w]*+)*+)\\s*+(?:<[^<>(){}]*+>\\s*+)?\\((?:[^(){}]++|\\([^(){}]*+\\))*+\\)\\s*+"
          + "(?:const|noexcept|override|final|throws\\s+[\\w.,\\s]+|->\\s*[^{]+|:\\s*[^{]+|async|mutating)?\\s*$");

  private BraceDecls() { }

  /// Returns the top-level declarations of `text` (lines are 1-based). Never throws on any input.
  public static List<Decl> find(String text, Language language) {
    Scanner s = new Scanner(text, language);
    s.run();
    return s.roots;
  }

  private static final class Frame {
    final Decl decl;          // null for an anonymous block
    final List<Decl> sink;    // where declarations found inside go

    Frame(Decl decl, List<Decl> sink) {
      this.decl = decl;
      this.sink = sink;
    }
  }

  private static final class Scanner {
    final String text;
    final Language language;
    final List<Decl> roots = new ArrayList<>();
    final List<Frame> stack = new ArrayList<>();
    final StringBuilder header = new StringBuilder();
    int headerLine = -1;      // first line with anything (code or comment) since the last boundary
    int line = 1;
    int declDepth;
    int parenDepth;

    Scanner(String text, Language language) {
      this.text = text;
      this.language = language;
    }

    List<Decl> sink() {
      return stack.isEmpty() ? roots : stack.getLast().sink;
    }

    void mark() {
      if (headerLine < 0) {
        headerLine = line;
      }
    }

    void boundary() {
      header.setLength(0);
      headerLine = -1;
      parenDepth = 0;
    }

    void run() {
      int n = text.length();
      int i = 0;
      boolean lineBlank = true;
      while (i < n) {
        char c = text.charAt(i);
        if (c == '\n') {
          if (lineBlank && parenDepth == 0) {
            boundary();
          }
          line++;
          lineBlank = true;
          header.append(' ');
          i++;
          continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
          header.append(' ');
          i++;
          continue;
        }
        lineBlank = false;
        mark();
        if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
          while (i < n && text.charAt(i) != '\n') {
            i++;
          }
          continue;
        }
        if (c == '#' && (language == Language.C || language == Language.CPP || language == Language.CSHARP)
            && isLineStart(i)) {
          // preprocessor line (with continuations) is a boundary of its own
          while (i < n && text.charAt(i) != '\n') {
            if (text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) == '\n') {
              line++;
              i++;
            }
            i++;
          }
          boundary();
          continue;
        }
        if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
          i += 2;
          while (i < n && !(text.charAt(i) == '*' && i + 1 < n && text.charAt(i + 1) == '/')) {
            if (text.charAt(i) == '\n') {
              line++;
            }
            i++;
          }
          i = Math.min(n, i + 2);
          continue;
        }
        if (c == '"' || c == '`' || (c == '\'' && isCharLiteral(i))) {
          header.append(c == '`' ? '`' : '"');
          i = skipString(i);
          header.append(c == '`' ? '`' : '"');
          continue;
        }
        if (c == '{') {
          open();
          i++;
          continue;
        }
        if (c == '}') {
          close();
          boundary();
          i++;
          continue;
        }
        if (c == ';') {
          boundary();
          i++;
          continue;
        }
        if (c == '(') {
          parenDepth++;
        } else if (c == ')' && parenDepth > 0) {
          parenDepth--;
        }
        if (header.length() < 2000) {
          header.append(c);
        }
        i++;
      }
      // close whatever is left open at the end of the file
      while (!stack.isEmpty()) {
        close();
      }
    }

    boolean isLineStart(int i) {
      for (int j = i - 1; j >= 0; j--) {
        char c = text.charAt(j);
        if (c == '\n') {
          return true;
        }
        if (c != ' ' && c != '\t') {
          return false;
        }
      }
      return true;
    }

    boolean isCharLiteral(int i) {
      // 'x', '\\n', unicode escapes, '\\u{1F600}': a closing quote within a few characters on the same line
      int n = text.length();
      if (i + 2 < n && text.charAt(i + 1) != '\\' && text.charAt(i + 2) == '\'') {
        return true;
      }
      if (i + 1 < n && text.charAt(i + 1) == '\\') {
        for (int j = i + 3; j < Math.min(n, i + 14); j++) {
          char c = text.charAt(j);
          if (c == '\'') {
            return true;
          }
          if (c == '\n') {
            return false;
          }
        }
      }
      return language != Language.RUST && language != Language.KOTLIN && language != Language.GO
          && language != Language.C && language != Language.CPP && language != Language.JAVA
          && language != Language.CSHARP;  // JS/TS single-quoted strings
    }

    int skipString(int i) {
      int n = text.length();
      char q = text.charAt(i);
      if (q == '"' && text.startsWith("\"\"\"", i)) {
        int end = text.indexOf("\"\"\"", i + 3);
        int stop = end < 0 ? n : end + 3;
        countLines(i, stop);
        return stop;
      }
      int j = i + 1;
      while (j < n) {
        char c = text.charAt(j);
        if (c == '\\' && q != '`') {
          j += 2;
          continue;
        }
        if (c == '\\' && q == '`' && language != Language.GO) {
          j += 2;
          continue;
        }
        if (c == q) {
          j++;
          break;
        }
        if (c == '\n' && q != '`') {
          break;   // unterminated: stop at the line end
        }
        j++;
      }
      j = Math.min(j, n);
      countLines(i, j);
      return j;
    }

    void countLines(int from, int to) {
      for (int k = from; k < to && k < text.length(); k++) {
        if (text.charAt(k) == '\n') {
          line++;
        }
      }
    }

    void open() {
      String name = declDepth < MAX_DEPTH ? classify(header.toString()) : null;
      int start = headerLine < 0 ? line : headerLine;
      if (name != null) {
        Decl d = new Decl(name, start, line);
        sink().add(d);
        stack.add(new Frame(d, d.children));
        declDepth++;
      } else {
        stack.add(new Frame(null, sink()));
      }
      boundary();
    }

    void close() {
      if (stack.isEmpty()) {
        return;
      }
      Frame f = stack.removeLast();
      if (f.decl != null) {
        f.decl.end = line;
        declDepth--;
      }
    }

    String classify(String h) {
      String head = h.strip();
      if (head.length() > 300) {
        head = head.substring(head.length() - 300);
      }
      if (head.isEmpty() || head.endsWith("=") || head.endsWith("(") || head.endsWith(",")
          || head.endsWith("return") || head.endsWith("=>")) {
        return jsArrowName(head);
      }
      Matcher m;
      switch (language) {
        case GO -> {
          if ((m = GO_FUNC.matcher(head)).find() || (m = GO_TYPE.matcher(head)).find()) {
            return m.group(1);
          }
          return null;
        }
        case RUST -> {
          if ((m = RUST_FN.matcher(head)).find() || (m = RUST_IMPL.matcher(head)).find() || (m = TYPE.matcher(head)).find()) {
            return m.group(1);
          }
          return null;
        }
        case KOTLIN -> {
          if ((m = KOTLIN_FUN.matcher(head)).find() || (m = TYPE.matcher(head)).find()) {
            return m.group(1);
          }
          return null;
        }
        case JAVASCRIPT, TYPESCRIPT -> {
          if ((m = JS_FUNCTION.matcher(head)).find() || (m = TYPE.matcher(head)).find()) {
            return m.group(1);
          }
          if ((m = JS_ASSIGNED.matcher(head)).find()) {
            return m.group(1);
          }
          return callLike(head);
        }
        default -> {
          if ((m = TYPE.matcher(head)).find()) {
            return m.group(1);
          }
          return callLike(head);
        }
      }
    }

    String jsArrowName(String head) {
      if (language == Language.JAVASCRIPT || language == Language.TYPESCRIPT) {
        Matcher m = JS_ASSIGNED.matcher(head);
        if (m.find()) {
          return m.group(1);
        }
      }
      return null;
    }

    static String callLike(String head) {
      Matcher m = CALL_LIKE.matcher(head);
      if (!m.find()) {
        return null;
      }
      String name = m.group(1);
      int colons = name.lastIndexOf("::");
      String simple = colons >= 0 ? name.substring(colons + 2) : name;
      if (NOT_NAMES.contains(simple) || simple.isEmpty()) {
        return null;
      }
      // "x = foo(...) {" or "return foo(...) {" are calls, not declarations
      String before = head.substring(0, m.start()).strip();
      if (before.endsWith("=") || before.endsWith("return") || before.endsWith(".") || before.endsWith("new")) {
        return null;
      }
      return simple;
    }
  }
}
