package io.nootropic.agents.edit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.agents.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/// Replies as models write them, tidy and not: the shapes reported from real use of Aider and
/// Codex (a file name in its own fence, a second block with no name, a `# path` heading, `SEARCH>`,
/// line numbers in `@@` lines, a `+++` line with no `---`, a heredoc around a patch, an `@@ -0,0`
/// line before added lines, leading whitespace lost, typographic quotes, `...` elisions, a drifted
/// context) and plainly broken ones (no REPLACE marker, no file name, a cut-off patch). Each case
/// says whether the reply is well formed and what the workspace holds afterwards, or which edit
/// fails and why.
class ModelRepliesTest {

  static final String GREETER = """
      package com.example;

      public final class Greeter {

        public String greet(String name) {
          return "Hello " + name;
        }

        public String farewell(String name) {
          return "Bye " + name;
        }
      }
      """;

  static final String FIXED = GREETER.replace("\"Hello \" + name;", "\"Hello, \" + name + \"!\";");

  /// One reply: the format, the reply, whether it parses cleanly, and the expected Greeter
  /// afterwards (`null` when the edit must fail, with `failure` in the message).
  record Case(String name, String format, String reply, boolean wellFormed, String expected, String failure) {
    @Override
    public String toString() {
      return format + ": " + name;
    }
  }

  static List<Case> cases() {
    String path = "src/main/java/com/example/Greeter.java";
    List<Case> c = new ArrayList<>();
    // ---------------------------------------------------------------- diff (SEARCH/REPLACE)
    c.add(new Case("tidy", "diff", """
        I'll add the comma and the exclamation mark.

        src/main/java/com/example/Greeter.java
        ```java
        <<<<<<< SEARCH
            return "Hello " + name;
        =======
            return "Hello, " + name + "!";
        >>>>>>> REPLACE
        ```
        """, true, FIXED, null));
    c.add(new Case("file name in its own fence (DeepSeek Coder)", "diff", """
        ```java
        src/main/java/com/example/Greeter.java
        ```
        ```java
        <<<<<<< SEARCH
            return "Hello " + name;
        =======
            return "Hello, " + name + "!";
        >>>>>>> REPLACE
        ```
        """, true, FIXED, null));
    c.add(new Case("markdown heading and bold path", "diff", """
        ### **src/main/java/com/example/Greeter.java**
        ```java
        <<<<<<< SEARCH
            return "Hello " + name;
        =======
            return "Hello, " + name + "!";
        >>>>>>> REPLACE
        ```
        """, true, FIXED, null));
    c.add(new Case("SEARCH> and seven-character markers with spaces", "diff", """
        src/main/java/com/example/Greeter.java
        ```
          <<<<<<< SEARCH>
            return "Hello " + name;
          =======
            return "Hello, " + name + "!";
          >>>>>>> REPLACE
        ```
        """, true, FIXED, null));
    c.add(new Case("second block without a name uses the first's", "diff", """
        src/main/java/com/example/Greeter.java
        ```java
        <<<<<<< SEARCH
            return "Hello " + name;
        =======
            return "Hello, " + name + "!";
        >>>>>>> REPLACE
        ```

        ```java
        <<<<<<< SEARCH
            return "Bye " + name;
        =======
            return "Goodbye, " + name + "!";
        >>>>>>> REPLACE
        ```
        """, true, FIXED.replace("\"Bye \" + name;", "\"Goodbye, \" + name + \"!\";"), null));
    c.add(new Case("leading whitespace lost", "diff", """
        src/main/java/com/example/Greeter.java
        ```java
        <<<<<<< SEARCH
        return "Hello " + name;
        =======
        return "Hello, " + name + "!";
        >>>>>>> REPLACE
        ```
        """, true, FIXED, null));
    c.add(new Case("typographic quotes", "diff", """
        src/main/java/com/example/Greeter.java
        ```java
        <<<<<<< SEARCH
            return \u201cHello \u201d + name;
        =======
            return "Hello, " + name + "!";
        >>>>>>> REPLACE
        ```
        """, true, FIXED, null));
    c.add(new Case("elided lines with ...", "diff", """
        src/main/java/com/example/Greeter.java
        ```java
        <<<<<<< SEARCH
          public String greet(String name) {
        ...
          public String farewell(String name) {
        =======
          public String greet(String name) {
        ...
          public String goodbye(String name) {
        >>>>>>> REPLACE
        ```
        """, true, GREETER.replace("farewell", "goodbye"), null));
    c.add(new Case("already applied", "diff", """
        src/main/java/com/example/Greeter.java
        ```java
        <<<<<<< SEARCH
            return "Hi " + name;
        =======
            return "Bye " + name;
        >>>>>>> REPLACE
        ```
        """, true, GREETER, null));
    c.add(new Case("SEARCH that is not in the file", "diff", """
        src/main/java/com/example/Greeter.java
        ```java
        <<<<<<< SEARCH
            return "Hallo " + nom;
        =======
            return "Hello, " + name + "!";
        >>>>>>> REPLACE
        ```
        """, true, null, "Did you mean these lines"));
    c.add(new Case("ambiguous SEARCH", "diff", """
        src/main/java/com/example/Greeter.java
        ```java
        <<<<<<< SEARCH
          }
        =======
          } // end
        >>>>>>> REPLACE
        ```
        """, true, null, "match 2 places"));
    c.add(new Case("no REPLACE marker (cut off)", "diff", """
        src/main/java/com/example/Greeter.java
        ```java
        <<<<<<< SEARCH
            return "Hello " + name;
        =======
            return "Hello, " + name + "!";
        """, false, GREETER, null));
    c.add(new Case("no file name at all", "diff", """
        Here you go:
        ```java
        <<<<<<< SEARCH
            return "Hello " + name;
        =======
            return "Hello, " + name + "!";
        >>>>>>> REPLACE
        ```
        """, false, GREETER, null));
    // ---------------------------------------------------------------- whole
    c.add(new Case("tidy", "whole", "Here is the file.\n\n" + path + "\n```java\n" + FIXED + "```\n", true, FIXED, null));
    c.add(new Case("### heading as the name", "whole", "### " + path + "\n```java\n" + FIXED + "```\n", true, FIXED, null));
    c.add(new Case("`path:` in backticks", "whole", "`" + path + "`:\n\n```java\n" + FIXED + "```\n", true, FIXED, null));
    c.add(new Case("no file name (Granite)", "whole", "Here is the updated class:\n```java\n" + FIXED + "```\n", false,
        GREETER, null));
    c.add(new Case("a shell block is not a file", "whole", path + "\n```java\n" + FIXED + "```\nThen run:\n```bash\nmvn test\n```\n",
        true, FIXED, null));
    c.add(new Case("fence never closed", "whole", path + "\n```java\n" + FIXED, false, GREETER, null));
    // ---------------------------------------------------------------- udiff
    c.add(new Case("tidy", "udiff", """
        ```diff
        --- src/main/java/com/example/Greeter.java
        +++ src/main/java/com/example/Greeter.java
        @@ ... @@
           public String greet(String name) {
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
           }
        ```
        """, true, FIXED, null));
    c.add(new Case("a/ b/ prefixes and line numbers", "udiff", """
        ```diff
        --- a/src/main/java/com/example/Greeter.java
        +++ b/src/main/java/com/example/Greeter.java
        @@ -5,3 +5,3 @@ public final class Greeter {
           public String greet(String name) {
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
           }
        ```
        """, true, FIXED, null));
    c.add(new Case("+++ with no --- line", "udiff", """
        +++ src/main/java/com/example/Greeter.java
        @@ @@
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
        """, true, FIXED, null));
    c.add(new Case("context that drifted", "udiff", """
        ```diff
        --- src/main/java/com/example/Greeter.java
        +++ src/main/java/com/example/Greeter.java
        @@ @@
           public String greet(final String name) {
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
           }
        ```
        """, true, null, "Did you mean these lines"));
    c.add(new Case("a hunk before any file header", "udiff", """
        @@ @@
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
        """, false, GREETER, null));
    // ---------------------------------------------------------------- patch
    c.add(new Case("tidy with an @@ anchor", "patch", """
        *** Begin Patch
        *** Update File: src/main/java/com/example/Greeter.java
        @@ public String greet(String name) {
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
        *** End Patch
        """, true, FIXED, null));
    c.add(new Case("heredoc wrapper (gpt-4.1)", "patch", """
        <<'EOF'
        *** Begin Patch
        *** Update File: src/main/java/com/example/Greeter.java
        @@
           public String greet(String name) {
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
           }
        *** End Patch
        EOF
        """, true, FIXED, null));
    c.add(new Case("@@ -0,0 line before an added file (Gemini)", "patch", """
        *** Begin Patch
        *** Add File: src/main/java/com/example/Names.java
        @@ -0,0 +1,3 @@ Names
        +package com.example;
        +
        +final class Names {}
        *** Update File: src/main/java/com/example/Greeter.java
        @@
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
        *** End Patch
        """, true, FIXED, null));
    c.add(new Case("cut off before End Patch", "patch", """
        *** Begin Patch
        *** Update File: src/main/java/com/example/Greeter.java
        @@
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
        """, false, GREETER, null));
    c.add(new Case("an anchor that is not in the file", "patch", """
        *** Begin Patch
        *** Update File: src/main/java/com/example/Greeter.java
        @@ public String welcome(String name) {
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
        *** End Patch
        """, true, null, "@@ line"));
    c.add(new Case("no Begin Patch", "patch", """
        *** Update File: src/main/java/com/example/Greeter.java
        -    return "Hello " + name;
        +    return "Hello, " + name + "!";
        """, false, GREETER, null));
    return c;
  }

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void replyParsesAndAppliesAsExpected(Case c) throws IOException {
    Workspace ws = Workspace.open(dir);
    ws.writeString("src/main/java/com/example/Greeter.java", GREETER);
    EditApplier.ReplyReport report = EditApplier.applyReply(ws, EditFormats.forName(c.format()), c.reply(), false);
    ParseResult parsed = report.parse();
    assertThat(parsed.wellFormed()).as("well formed? errors: %s", parsed.errors()).isEqualTo(c.wellFormed());
    parsed.errors().forEach(e -> assertThat(e.message()).isNotBlank());
    String now = ws.readString("src/main/java/com/example/Greeter.java");
    if (!c.wellFormed()) {
      assertThat(report.ok()).isFalse();
      assertThat(report.feedback()).contains("no file was changed");
      assertThat(now).as("a reply that does not parse changes nothing").isEqualTo(GREETER);
    } else if (c.expected() == null) {
      assertThat(report.ok()).as("must fail").isFalse();
      assertThat(report.feedback()).contains(c.failure()).contains("no file was changed");
      assertThat(now).as("nothing applied").isEqualTo(GREETER);
    } else {
      assertThat(report.ok()).as(report.feedback()).isTrue();
      assertThat(now).isEqualTo(c.expected());
    }
    assertThat(Files.exists(dir.resolve("src/main/java/com/example/Names.java")))
        .isEqualTo(c.name().startsWith("@@ -0,0"));
  }

  /// Well-formed replies, and edits that applied, per format, over this corpus: the figures the
  /// closing note reports. The corpus is small and hand-made after reported failures, so these are
  /// a regression line, not a benchmark of models.
  @org.junit.jupiter.api.Test
  void theCorpusFigures() throws IOException {
    Map<String, int[]> perFormat = new TreeMap<>();
    for (Case c : cases()) {
      Path d = Files.createTempDirectory(dir, "c");
      Workspace ws = Workspace.open(d);
      ws.writeString("src/main/java/com/example/Greeter.java", GREETER);
      EditApplier.ReplyReport r = EditApplier.applyReply(ws, EditFormats.forName(c.format()), c.reply(), false);
      int[] f = perFormat.computeIfAbsent(c.format(), k -> new int[3]);
      f[0]++;
      f[1] += r.parse().wellFormed() ? 1 : 0;
      f[2] += r.ok() ? 1 : 0;
    }
    StringBuilder figures = new StringBuilder();
    perFormat.forEach((format, f) -> figures.append(String.format(Locale.ROOT, "%s: %d replies, %d well formed, %d applied; ",
        format, f[0], f[1], f[2])));
    assertThat(figures.toString()).isEqualTo("diff: 13 replies, 11 well formed, 9 applied; "
        + "patch: 6 replies, 4 well formed, 3 applied; udiff: 5 replies, 4 well formed, 3 applied; "
        + "whole: 6 replies, 4 well formed, 4 applied; ");
  }
}
