package io.nootropic.context.walk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/// The rules of one `.gitignore` file (or of an ignore list written in the same syntax).
///
/// Supports comments, blank lines, escaped `\#` and `\!`, trailing-space trimming, negation with
/// `!`, directory-only patterns ending in `/`, patterns anchored to the file's folder (a `/` at the
/// start or in the middle), `*`, `?`, character classes and `**` (leading `**/`, trailing `/**` and
/// inner `/**/`). Paths given to [#match] are relative to the folder the rules belong to, with
/// `/` separators.
public final class GitIgnore {

  /// The outcome of matching one path against the rules.
  public enum Result {
    /// No rule mentions the path.
    NONE,
    /// The last matching rule ignores it.
    IGNORED,
    /// The last matching rule is a negation that re-includes it.
    INCLUDED
  }

  private record Rule(String source, Pattern pattern, boolean negated, boolean dirOnly) { }

  /// Rules that ignore nothing.
  public static final GitIgnore EMPTY = new GitIgnore(List.of());

  private final List<Rule> rules;

  private GitIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /// Parses the text of a `.gitignore` file. Never throws: a line that cannot be understood is
  /// skipped.
  public static GitIgnore parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Rule> rules = new ArrayList<>();
    for (String raw : text.split("\r?\n", -1)) {
      Rule r = parseLine(raw);
      if (r != null) {
        rules.add(r);
      }
    }
    return new GitIgnore(List.copyOf(rules));
  }

  /// Parses a list of patterns, one per element, in `.gitignore` syntax.
  public static GitIgnore of(List<String> patterns) {
    return parse(String.join("\n", patterns));
  }

  /// The number of effective rules.
  public int size() {
    return rules.size();
  }

  /// Matches a relative path (no leading `/`) against the rules; the last matching rule wins.
  public Result match(String relativePath, boolean isDirectory) {
    String path = relativePath;
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    for (int i = rules.size() - 1; i >= 0; i--) {
      Rule r = rules.get(i);
      if (r.dirOnly && !isDirectory) {
        continue;
      }
      if (r.pattern.matcher(path).matches()) {
        return r.negated ? Result.INCLUDED : Result.IGNORED;
      }
    }
    return Result.NONE;
  }

  /// Whether a path is ignored, as git decides it: a path inside an ignored folder is ignored
  /// whatever later rules say, otherwise the last rule matching the path itself decides.
  public boolean isIgnored(String relativePath, boolean isDirectory) {
    String path = relativePath;
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    int slash = path.indexOf('/');
    while (slash >= 0) {
      if (match(path.substring(0, slash), true) == Result.IGNORED) {
        return true;
      }
      slash = path.indexOf('/', slash + 1);
    }
    return match(path, isDirectory) == Result.IGNORED;
  }

  private static Rule parseLine(String raw) {
    String line = raw;
    if (line.isEmpty() || line.startsWith("#")) {
      return null;
    }
    line = trimTrailingSpaces(line);
    if (line.isEmpty()) {
      return null;
    }
    boolean negated = false;
    if (line.startsWith("!")) {
      negated = true;
      line = line.substring(1);
    } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
      line = line.substring(1);
    }
    boolean dirOnly = false;
    if (line.endsWith("/") && !line.endsWith("\\/")) {
      dirOnly = true;
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty() || line.equals("/")) {
      return null;
    }
    boolean anchored = line.indexOf('/') >= 0;
    if (line.startsWith("/")) {
      line = line.substring(1);
    }
    if (line.isEmpty()) {
      return null;
    }
    String regex = toRegex(line);
    if (regex == null) {
      return null;
    }
    String full = anchored ? regex : "(?:.*/)?" + regex;
    try {
      return new Rule(raw, Pattern.compile(full, Pattern.DOTALL), negated, dirOnly);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String trimTrailingSpaces(String line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      if (end >= 2 && line.charAt(end - 2) == '\\') {
        break;
      }
      end--;
    }
    return line.substring(0, end);
  }

  /// Translates a glob (already stripped of negation, anchor and trailing slash) into a regex
  /// over the whole relative path; returns `null` for an unterminated escape or class.
  static String toRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    int n = glob.length();
    int i = 0;
    while (i < n) {
      char c = glob.charAt(i);
      if (c == '*') {
        boolean doubleStar = i + 1 < n && glob.charAt(i + 1) == '*';
        boolean atSegmentStart = i == 0 || glob.charAt(i - 1) == '/';
        if (doubleStar && atSegmentStart) {
          int after = i + 2;
          if (after == n) {
            sb.append(".*");                    // trailing "/**" or a lone "**": everything
            i = after;
            continue;
          }
          if (glob.charAt(after) == '/') {
            sb.append("(?:.*/)?");              // "**/" : zero or more folders
            i = after + 1;
            continue;
          }
        }
        // a plain star (or stars not forming a ** segment): anything within one segment
        while (i < n && glob.charAt(i) == '*') {
          i++;
        }
        sb.append("[^/]*");
        continue;
      }
      if (c == '?') {
        sb.append("[^/]");
        i++;
        continue;
      }
      if (c == '[') {
        int close = findClassEnd(glob, i);
        if (close < 0) {
          sb.append("\\[");
          i++;
          continue;
        }
        String body = glob.substring(i + 1, close);
        StringBuilder cls = new StringBuilder("[");
        int j = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
          cls.append('^');
          j = 1;
        }
        for (; j < body.length(); j++) {
          char b = body.charAt(j);
          if (b == '\\' && j + 1 < body.length()) {
            j++;
            cls.append('\\').append(body.charAt(j));
          } else if (b == '-') {
            cls.append('-');
          } else if (Character.isLetterOrDigit(b)) {
            cls.append(b);
          } else {
            cls.append('\\').append(b);
          }
        }
        cls.append(']');
        if (cls.toString().equals("[]") || cls.toString().equals("[^]")) {
          return null;
        }
        sb.append("(?!/)").append(cls);
        i = close + 1;
        continue;
      }
      if (c == '\\') {
        if (i + 1 >= n) {
          return null;
        }
        sb.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
        i += 2;
        continue;
      }
      sb.append(Pattern.quote(String.valueOf(c)));
      i++;
    }
    return sb.toString();
  }

  private static int findClassEnd(String glob, int open) {
    int j = open + 1;
    if (j < glob.length() && (glob.charAt(j) == '!' || glob.charAt(j) == '^')) {
      j++;
    }
    if (j < glob.length() && glob.charAt(j) == ']') {
      j++;
    }
    for (; j < glob.length(); j++) {
      char c = glob.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == ']') {
        return j;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "GitIgnore" + rules.stream().map(Rule::source).toList();
  }
}
