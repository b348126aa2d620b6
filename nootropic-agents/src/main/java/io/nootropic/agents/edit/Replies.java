package io.nootropic.agents.edit;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// What the parsers share: splitting a reply into lines, fences, and telling a file name from prose.
final class Replies {

  private static final Pattern FENCE = Pattern.compile("^(`{3,}|~{3,})\\s*([\\w+#.-]*)\\s*$");
  private static final Set<String> SHELL = Set.of("bash", "sh", "shell", "console", "zsh", "fish", "cmd",
      "powershell", "ps1", "terminal");
  private static final Set<String> BARE_NAMES = Set.of("makefile", "dockerfile", "jenkinsfile", "readme", "license",
      "gemfile", "rakefile", "procfile", "vagrantfile", "containerfile", "mvnw", "gradlew", "notice", "changelog");

  private Replies() {}

  /// The reply's lines, `\r\n` and `\r` treated as `\n`.
  static List<String> lines(String reply) {
    return List.of(reply.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
  }

  /// A fence line: its marker (three or more backticks or tildes) and language, or `null`.
  record Fence(String marker, String language) {
    boolean closes(String line) {
      String s = line.strip();
      return s.length() >= marker.length() && s.chars().allMatch(c -> c == marker.charAt(0))
          && s.startsWith(marker);
    }

    boolean isShell() {
      return SHELL.contains(language.toLowerCase(Locale.ROOT));
    }
  }

  static Fence fence(String line) {
    Matcher m = FENCE.matcher(line.strip());
    return m.matches() ? new Fence(m.group(1), m.group(2)) : null;
  }

  /// `line` as a file name, or `null` when it reads like prose: markdown decorations (`#`, `*`,
  /// backticks, quotes, a trailing `:`) and a `File:` prefix are removed first.
  static String fileName(String line) {
    String s = line.strip();
    for (int round = 0; round < 3; round++) {
      s = s.replaceAll("^#+\\s*", "").strip();
      s = s.replaceAll("^(?i)(file(name)?|path)\\s*:\\s*", "").strip();
      if (s.endsWith(":")) {
        s = s.substring(0, s.length() - 1).strip();
      }
      s = strip(s, "*");
      s = strip(s, "`");
      s = strip(s, "\"");
      s = strip(s, "'");
    }
    if (s.isEmpty() || s.length() > 250 || fence(s) != null) {
      return null;
    }
    if (s.startsWith("<<<<<<<") || s.startsWith("=======") || s.startsWith(">>>>>>>") || s.startsWith("***")
        || s.startsWith("--- ") || s.startsWith("+++ ") || s.startsWith("@@")) {
      return null;
    }
    String[] words = s.split("\\s+");
    if (words.length > 3) {
      return null; // a sentence, not a path
    }
    String last = s.contains("/") ? s.substring(s.lastIndexOf('/') + 1) : s;
    boolean hasExtension = last.lastIndexOf('.') > 0 && last.lastIndexOf('.') < last.length() - 1;
    boolean dotFile = last.startsWith(".") && last.length() > 1;
    if (!hasExtension && !dotFile && !BARE_NAMES.contains(last.toLowerCase(Locale.ROOT))) {
      return null;
    }
    if (words.length > 1 && !s.contains("/") && !hasExtension) {
      return null;
    }
    return s;
  }

  private static String strip(String s, String q) {
    while (s.length() >= 2 * q.length() && s.startsWith(q) && s.endsWith(q)) {
      s = s.substring(q.length(), s.length() - q.length()).strip();
    }
    if (s.startsWith(q) && !s.substring(q.length()).contains(q)) {
      s = s.substring(q.length()).strip();
    }
    if (s.endsWith(q) && !s.substring(0, s.length() - q.length()).contains(q)) {
      s = s.substring(0, s.length() - q.length()).strip();
    }
    return s;
  }

  /// Lines joined with `\n`, each ending with one (empty for no lines).
  static String text(List<String> lines) {
    if (lines.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return sb.toString();
  }

  /// A fence of backticks longer than any run of backticks at the start of a line of `content`.
  static String fenceFor(String content) {
    int longest = 2;
    for (String l : lines(content)) {
      String s = l.strip();
      int n = 0;
      while (n < s.length() && s.charAt(n) == '`') {
        n++;
      }
      longest = Math.max(longest, n);
    }
    return "`".repeat(longest + 1);
  }
}
