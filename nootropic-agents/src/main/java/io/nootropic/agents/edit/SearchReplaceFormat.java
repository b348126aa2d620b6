package io.nootropic.agents.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/// `diff`: Aider's SEARCH/REPLACE blocks, byte-compatible with Aider's syntax: the path alone on
/// a line, a fence, `<<<<<<< SEARCH`, the lines to find, `=======`, the lines to put instead,
/// `>>>>>>> REPLACE`, the closing fence. An empty SEARCH creates a new file (or appends to an
/// existing one).
///
/// The parser accepts what Aider accepts: 5 to 9 marker characters, spaces around markers, the
/// path up to three lines before `<<<<<<< SEARCH` (so also inside the fence), decorated paths
/// (`### path`, `` `path` ``, `path:`), and a later block without a path meaning the previous
/// block's file.
final class SearchReplaceFormat extends BuiltinFormat {

  static final Pattern HEAD = Pattern.compile("^<{5,9} SEARCH>?\\s*$");
  static final Pattern DIVIDER = Pattern.compile("^={5,9}\\s*$");
  static final Pattern UPDATED = Pattern.compile("^>{5,9} REPLACE\\s*$");

  SearchReplaceFormat() {
    super("Aider's SEARCH/REPLACE blocks: the path, then <<<<<<< SEARCH, old lines, =======, new lines, >>>>>>> REPLACE");
  }

  @Override
  public String name() {
    return "diff";
  }

  @Override
  public ParseResult parse(String reply) {
    List<String> lines = Replies.lines(reply);
    List<Edit> edits = new ArrayList<>();
    List<ParseResult.ParseError> errors = new ArrayList<>();
    String previous = null;
    int block = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!HEAD.matcher(lines.get(i).strip()).matches()) {
        if (DIVIDER.matcher(lines.get(i).strip()).matches() || UPDATED.matcher(lines.get(i).strip()).matches()) {
          errors.add(new ParseResult.ParseError(block + 1, i + 1, "'" + lines.get(i).strip() + "' at line " + (i + 1)
              + " comes without '<<<<<<< SEARCH' before it; start every block with <<<<<<< SEARCH"));
        }
        continue;
      }
      block++;
      int head = i;
      String name = nameBefore(lines, head);
      if (name == null) {
        name = previous;
      }
      List<String> search = new ArrayList<>();
      List<String> replace = new ArrayList<>();
      int j = head + 1;
      while (j < lines.size() && !DIVIDER.matcher(lines.get(j).strip()).matches()) {
        String s = lines.get(j).strip();
        if (HEAD.matcher(s).matches() || UPDATED.matcher(s).matches()) {
          break;
        }
        search.add(lines.get(j));
        j++;
      }
      if (j >= lines.size() || !DIVIDER.matcher(lines.get(j).strip()).matches()) {
        errors.add(new ParseResult.ParseError(block, head + 1, "the block at line " + (head + 1) + " has no '=======' after"
            + " its SEARCH lines; write <<<<<<< SEARCH, the lines to find, =======, the new lines, >>>>>>> REPLACE"));
        i = j - 1;
        continue;
      }
      j++;
      while (j < lines.size()) {
        String s = lines.get(j).strip();
        if (UPDATED.matcher(s).matches() || DIVIDER.matcher(s).matches() || HEAD.matcher(s).matches()) {
          break;
        }
        replace.add(lines.get(j));
        j++;
      }
      if (j >= lines.size() || HEAD.matcher(lines.get(j).strip()).matches()) {
        errors.add(new ParseResult.ParseError(block, head + 1, "the block at line " + (head + 1) + " has no"
            + " '>>>>>>> REPLACE' after its new lines; end every block with >>>>>>> REPLACE"));
        i = j - 1;
        continue;
      }
      if (name == null) {
        errors.add(new ParseResult.ParseError(block, head + 1, "the block at line " + (head + 1) + " has no file name;"
            + " the path must be alone on the line before the opening fence"));
      } else {
        edits.add(new Edit.Replace(name, Replies.text(search), Replies.text(replace)));
        previous = name;
      }
      i = j;
    }
    return new ParseResult(edits, errors);
  }

  /// The path up to three lines before `<<<<<<< SEARCH`, passing over fences and blank lines.
  private static String nameBefore(List<String> lines, int head) {
    for (int k = head - 1; k >= 0 && k >= head - 3; k--) {
      String l = lines.get(k);
      if (l.isBlank() || Replies.fence(l) != null) {
        continue;
      }
      String s = l.strip();
      if (UPDATED.matcher(s).matches() || DIVIDER.matcher(s).matches()) {
        return null; // the end of the previous block: no name of its own
      }
      return Replies.fileName(l);
    }
    return null;
  }

  @Override
  public String render(List<Edit> edits) {
    StringBuilder sb = new StringBuilder();
    for (Edit e : edits) {
      String search;
      String replace;
      switch (e) {
        case Edit.Replace r when r.anchor() == null && !r.atEnd() -> {
          search = r.search();
          replace = r.replace();
        }
        case Edit.Create c -> {
          search = "";
          replace = c.content();
        }
        default -> throw new IllegalArgumentException("SEARCH/REPLACE blocks cannot write a " + e.kind() + " edit");
      }
      for (String part : List.of(search, replace)) {
        for (String l : Replies.lines(part)) {
          String s = l.strip();
          if (HEAD.matcher(s).matches() || DIVIDER.matcher(s).matches() || UPDATED.matcher(s).matches()) {
            throw new IllegalArgumentException("a line of " + e.path() + " looks like a SEARCH/REPLACE marker: " + l);
          }
        }
      }
      String fence = Replies.fenceFor(search + replace);
      sb.append(e.path()).append('\n').append(fence).append('\n').append("<<<<<<< SEARCH\n").append(search)
          .append("=======\n").append(replace).append(">>>>>>> REPLACE\n").append(fence).append("\n\n");
    }
    return sb.toString();
  }

  @Override
  public String instructions() {
    return """
        Describe each change with a SEARCH/REPLACE block:
        1. the file's path alone on a line, exactly as given, no quotes or bold;
        2. the opening fence;
        3. <<<<<<< SEARCH
        4. a run of lines that exists in the file now, copied exactly, with its whitespace and comments;
        5. =======
        6. the lines to put in their place;
        7. >>>>>>> REPLACE
        8. the closing fence.
        Each SEARCH must match one place in the file only: include enough lines to make it unique. \
        Use several small blocks rather than one large one. To create a file, leave SEARCH empty. \
        For example:

        src/main/java/com/example/Greeter.java
        ```java
        <<<<<<< SEARCH
            return "Hello " + name;
        =======
            return "Hello, " + name + "!";
        >>>>>>> REPLACE
        ```
        """;
  }
}
