package io.nootropic.agents.edit;

import java.util.ArrayList;
import java.util.List;

/// `patch`: the `*** Begin Patch` envelope of OpenAI's apply_patch tool:
///
/// ```
/// *** Begin Patch
/// *** Add File: PATH        then its lines, each starting with '+'
/// *** Delete File: PATH
/// *** Update File: PATH     then chunks: an optional '@@ context' line, and lines starting
///                           with ' ' (kept), '-' (removed) or '+' (added); '*** End of File'
///                           pins the chunk to the end of the file
/// *** End Patch
/// ```
///
/// The parser trims the patch and marker lines, and drops a heredoc wrapper (`<<'EOF'` ... `EOF`)
/// some models send as if for a shell. An `@@ -0,0 +1,2 @@` line in an Add File hunk is ignored.
/// `*** Move to:` is refused with a message (delete and add instead).
final class ApplyPatchFormat extends BuiltinFormat {

  private static final String BEGIN = "*** Begin Patch";
  private static final String END = "*** End Patch";
  private static final String ADD = "*** Add File: ";
  private static final String DELETE = "*** Delete File: ";
  private static final String UPDATE = "*** Update File: ";
  private static final String MOVE = "*** Move to: ";
  private static final String EOF_MARK = "*** End of File";

  ApplyPatchFormat() {
    super("OpenAI's apply_patch envelope: *** Begin Patch, Add/Update/Delete File hunks with @@ anchors, *** End Patch");
  }

  @Override
  public String name() {
    return "patch";
  }

  @Override
  public ParseResult parse(String reply) {
    List<String> lines = Replies.lines(reply);
    List<Edit> edits = new ArrayList<>();
    List<ParseResult.ParseError> errors = new ArrayList<>();
    int begin = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(BEGIN)) {
        begin = i;
        break;
      }
    }
    if (begin < 0) {
      errors.add(new ParseResult.ParseError(0, 1, "no '" + BEGIN + "' line: a patch starts with '" + BEGIN
          + "' on a line of its own and ends with '" + END + "'"));
      return new ParseResult(edits, errors);
    }
    int block = 0;
    int i = begin + 1;
    boolean ended = false;
    while (i < lines.size()) {
      String raw = lines.get(i);
      String l = raw.strip();
      if (l.equals(END)) {
        ended = true;
        break;
      }
      if (l.isEmpty() || l.equals("EOF") || Replies.fence(l) != null) {
        i++;
        continue;
      }
      if (l.startsWith(ADD)) {
        block++;
        String path = l.substring(ADD.length()).strip();
        List<String> content = new ArrayList<>();
        i++;
        while (i < lines.size() && !isHeader(lines.get(i))) {
          String line = lines.get(i);
          if (line.startsWith("+")) {
            content.add(line.substring(1));
          } else if (!line.strip().startsWith("@@") && !line.isEmpty()) {
            errors.add(new ParseResult.ParseError(block, i + 1, "line " + (i + 1) + " of the new file " + path
                + " does not start with '+'; every line of an added file starts with '+'"));
          }
          i++;
        }
        edits.add(new Edit.Create(path, Replies.text(content)));
      } else if (l.startsWith(DELETE)) {
        block++;
        edits.add(new Edit.Delete(l.substring(DELETE.length()).strip()));
        i++;
      } else if (l.startsWith(UPDATE)) {
        block++;
        String path = l.substring(UPDATE.length()).strip();
        i++;
        if (i < lines.size() && lines.get(i).strip().startsWith(MOVE)) {
          errors.add(new ParseResult.ParseError(block, i + 1, "'*** Move to:' is not supported; delete the old file"
              + " with '*** Delete File:' and add the new one with '*** Add File:'"));
          i++;
        }
        int chunks = 0;
        String anchor = null;
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        boolean changes = false;
        int chunkLine = i + 1;
        while (i < lines.size() && !isHeader(lines.get(i))) {
          String line = lines.get(i);
          String s = line.strip();
          if (line.startsWith("@@")) {
            if (changes) {
              edits.add(new Edit.Replace(path, Replies.text(before), Replies.text(after), anchor, false));
              chunks++;
            }
            before.clear();
            after.clear();
            changes = false;
            chunkLine = i + 1;
            String ctx = s.substring(2).strip();
            anchor = ctx.isEmpty() || ctx.matches("-?\\d.*@@.*") ? null : ctx;
          } else if (line.startsWith("*") && s.equals(EOF_MARK)) {
            if (changes) {
              edits.add(new Edit.Replace(path, Replies.text(before), Replies.text(after), anchor, true));
              chunks++;
            }
            before.clear();
            after.clear();
            changes = false;
          } else if (line.startsWith("+")) {
            after.add(line.substring(1));
            changes = true;
          } else if (line.startsWith("-")) {
            before.add(line.substring(1));
            changes = true;
          } else if (line.startsWith(" ") || line.isEmpty()) {
            String ctx = line.isEmpty() ? "" : line.substring(1);
            before.add(ctx);
            after.add(ctx);
          } else {
            errors.add(new ParseResult.ParseError(block, i + 1, "unexpected line " + (i + 1) + " in the update of " + path
                + ": '" + line + "'; every line starts with ' ' (kept), '-' (removed) or '+' (added)"));
          }
          i++;
        }
        if (changes) {
          while (!before.isEmpty() && !after.isEmpty() && before.getLast().isEmpty() && after.getLast().isEmpty()) {
            before.removeLast();
            after.removeLast();
          }
          edits.add(new Edit.Replace(path, Replies.text(before), Replies.text(after), anchor, false));
          chunks++;
        }
        if (chunks == 0) {
          errors.add(new ParseResult.ParseError(block, chunkLine, "the update of " + path + " changes nothing; add '-'"
              + " and '+' lines"));
        }
      } else {
        errors.add(new ParseResult.ParseError(block, i + 1, "'" + l + "' at line " + (i + 1) + " is not a valid hunk header;"
            + " use '*** Add File: PATH', '*** Delete File: PATH' or '*** Update File: PATH'"));
        i++;
      }
    }
    if (!ended) {
      errors.add(new ParseResult.ParseError(block, lines.size(), "the patch does not end with '" + END + "' (was the"
          + " reply cut short?)"));
    }
    return new ParseResult(edits, errors);
  }

  private static boolean isHeader(String line) {
    String s = line.strip();
    return s.startsWith(ADD) || s.startsWith(DELETE) || s.startsWith(UPDATE) || s.equals(END);
  }

  @Override
  public String render(List<Edit> edits) {
    StringBuilder sb = new StringBuilder(BEGIN).append('\n');
    String current = null;
    for (Edit e : edits) {
      switch (e) {
        case Edit.Create c -> {
          current = null;
          sb.append(ADD).append(c.path()).append('\n');
          prefixed(sb, c.content(), '+');
        }
        case Edit.Delete d -> {
          current = null;
          sb.append(DELETE).append(d.path()).append('\n');
        }
        case Edit.Replace r when !r.search().isEmpty() -> {
          if (!r.path().equals(current)) {
            sb.append(UPDATE).append(r.path()).append('\n');
            current = r.path();
          }
          sb.append(r.anchor() == null ? "@@" : "@@ " + r.anchor()).append('\n');
          prefixed(sb, r.search(), '-');
          prefixed(sb, r.replace(), '+');
          if (r.atEnd()) {
            sb.append(EOF_MARK).append('\n');
          }
        }
        default -> throw new IllegalArgumentException("apply_patch cannot write this " + e.kind() + " edit of " + e.path());
      }
    }
    return sb.append(END).append('\n').toString();
  }

  private static void prefixed(StringBuilder sb, String text, char prefix) {
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
        Write your changes as one patch:
        *** Begin Patch
        *** Update File: path/to/file     (then one or more chunks)
        @@ a line just above the change, e.g. the enclosing method's signature (optional)
         an unchanged line (starts with a space)
        -a removed line
        +an added line
        *** Add File: path/to/new/file    (then every line of it, each starting with '+')
        *** Delete File: path/to/old/file
        *** End Patch
        Give about three unchanged lines before and after each change so it is found in one place \
        only. Paths are relative to the project root. For example:

        *** Begin Patch
        *** Update File: src/main/java/com/example/Greeter.java
        @@ public String greet(String name) {
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
        *** End Patch
        """;
  }
}
