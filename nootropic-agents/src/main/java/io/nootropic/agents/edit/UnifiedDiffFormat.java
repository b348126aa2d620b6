package io.nootropic.agents.edit;

import java.util.ArrayList;
import java.util.List;

/// `udiff`: unified diffs without line numbers, as Aider's udiff format: `--- path`, `+++ path`,
/// then hunks each starting with a `@@ ... @@` line whose numbers, if any, are ignored. A hunk's
/// context and `-` lines are what to find, its context and `+` lines what to put instead. A new
/// file is a diff from `--- /dev/null`; a deleted one a diff to `+++ /dev/null`. Fenced
/// (```` ```diff ````) or bare diffs are both read; `a/` and `b/` prefixes are dropped.
final class UnifiedDiffFormat extends BuiltinFormat {

  private static final String NULL = "/dev/null";

  UnifiedDiffFormat() {
    super("Unified diffs without line numbers: --- path, +++ path, then @@ @@ hunks of context, - and + lines");
  }

  @Override
  public String name() {
    return "udiff";
  }

  @Override
  public ParseResult parse(String reply) {
    List<String> lines = Replies.lines(reply);
    List<Edit> edits = new ArrayList<>();
    List<ParseResult.ParseError> errors = new ArrayList<>();
    String oldPath = null;
    String newPath = null;
    int block = 0;
    Hunk hunk = null;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("--- ") && i + 1 < lines.size() && lines.get(i + 1).startsWith("+++ ")) {
        flush(hunk, oldPath, newPath, edits, errors);
        hunk = null;
        oldPath = path(l.substring(4), "a/");
        newPath = path(lines.get(i + 1).substring(4), "b/");
        i++;
        continue;
      }
      if (l.startsWith("+++ ") && (i == 0 || !lines.get(i - 1).startsWith("--- "))
          && (hunk == null || hunk.isEmpty())) {
        flush(hunk, oldPath, newPath, edits, errors);
        hunk = null;
        newPath = path(l.substring(4), "b/");
        oldPath = newPath; // a '+++' line without '---' (seen in real replies): the same file
        continue;
      }
      if (l.startsWith("@@")) {
        flush(hunk, oldPath, newPath, edits, errors);
        block++;
        hunk = new Hunk(block, i + 1);
        if (newPath == null) {
          errors.add(new ParseResult.ParseError(block, i + 1, "the hunk at line " + (i + 1) + " has no '--- path' and"
              + " '+++ path' lines before it; start each file's diff with them"));
        }
        continue;
      }
      if (hunk == null) {
        continue; // prose or fences between diffs
      }
      if (Replies.fence(l) != null) {
        flush(hunk, oldPath, newPath, edits, errors);
        hunk = null;
      } else if (l.startsWith("+")) {
        hunk.after.add(l.substring(1));
        hunk.changes = true;
      } else if (l.startsWith("-")) {
        hunk.before.add(l.substring(1));
        hunk.changes = true;
      } else if (l.startsWith(" ") || l.isEmpty()) {
        String ctx = l.isEmpty() ? "" : l.substring(1);
        hunk.before.add(ctx);
        hunk.after.add(ctx);
      } else if (l.startsWith("\\")) {
        continue; // "\ No newline at end of file"
      } else {
        flush(hunk, oldPath, newPath, edits, errors); // prose ends the hunk
        hunk = null;
      }
    }
    flush(hunk, oldPath, newPath, edits, errors);
    return new ParseResult(edits, errors);
  }

  private static final class Hunk {
    final int block;
    final int line;
    final List<String> before = new ArrayList<>();
    final List<String> after = new ArrayList<>();
    boolean changes;

    Hunk(int block, int line) {
      this.block = block;
      this.line = line;
    }

    boolean isEmpty() {
      return before.isEmpty() && after.isEmpty();
    }
  }

  private static void flush(Hunk h, String oldPath, String newPath, List<Edit> edits, List<ParseResult.ParseError> errors) {
    if (h == null || newPath == null || !h.changes) {
      return; // no path (reported) or nothing changed
    }
    // trailing empty context lines are usually the blank line before the closing fence
    while (!h.before.isEmpty() && !h.after.isEmpty() && h.before.getLast().isEmpty() && h.after.getLast().isEmpty()) {
      h.before.removeLast();
      h.after.removeLast();
    }
    if (NULL.equals(oldPath)) {
      edits.add(new Edit.Create(newPath, Replies.text(h.after)));
    } else if (NULL.equals(newPath)) {
      edits.add(new Edit.Delete(oldPath));
    } else if (h.before.isEmpty()) {
      errors.add(new ParseResult.ParseError(h.block, h.line, "the hunk at line " + h.line + " only adds lines, so it does"
          + " not say where; include a few unchanged lines around the change as context"));
    } else {
      edits.add(new Edit.Replace(newPath, Replies.text(h.before), Replies.text(h.after)));
    }
  }

  private static String path(String header, String prefix) {
    String p = header.strip();
    int tab = p.indexOf('\t');
    if (tab >= 0) {
      p = p.substring(0, tab).strip(); // a timestamp after a tab
    }
    if (p.equals(NULL)) {
      return NULL;
    }
    return p.startsWith(prefix) ? p.substring(prefix.length()) : p;
  }

  @Override
  public String render(List<Edit> edits) {
    StringBuilder sb = new StringBuilder("```diff\n");
    for (Edit e : edits) {
      switch (e) {
        case Edit.Replace r when !r.search().isEmpty() && r.anchor() == null && !r.atEnd() -> {
          sb.append("--- ").append(r.path()).append('\n').append("+++ ").append(r.path()).append('\n').append("@@ @@\n");
          lines(sb, r.search(), '-');
          lines(sb, r.replace(), '+');
        }
        case Edit.Create c -> {
          sb.append("--- /dev/null\n+++ ").append(c.path()).append('\n').append("@@ @@\n");
          lines(sb, c.content(), '+');
        }
        case Edit.Delete d -> sb.append("--- ").append(d.path()).append("\n+++ /dev/null\n@@ @@\n-\n");
        default -> throw new IllegalArgumentException("a unified diff cannot write this " + e.kind() + " edit");
      }
    }
    return sb.append("```\n").toString();
  }

  private static void lines(StringBuilder sb, String text, char prefix) {
    if (text.isEmpty()) {
      return;
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    for (String l : body.split("\n", -1)) {
      sb.append(prefix).append(l).append('\n');
    }
  }

  @Override
  public String instructions() {
    return """
        Describe changes as unified diffs in a ```diff fenced block, without line numbers:
        --- path/to/file
        +++ path/to/file
        @@ ... @@
        then, for each hunk, the unchanged lines around the change starting with a space, removed \
        lines starting with '-' and added lines starting with '+'. Copy the unchanged and removed \
        lines exactly. Prefer replacing a whole function or block: remove all of it with '-' lines \
        and add the new version with '+' lines. To create a file, diff from --- /dev/null. For example:

        ```diff
        --- src/main/java/com/example/Greeter.java
        +++ src/main/java/com/example/Greeter.java
        @@ ... @@
           public String greet(String name) {
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
           }
        ```
        """;
  }
}
