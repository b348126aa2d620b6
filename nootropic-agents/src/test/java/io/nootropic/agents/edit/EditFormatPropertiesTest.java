package io.nootropic.agents.edit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.agents.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/// Every format round-trips: render an edit as a model should write it, parse it back, apply
/// it, and get the intended file, for random files and random changes.
class EditFormatPropertiesTest {

  /// A file, a run of its lines to replace and what replaces them.
  record Change(List<String> file, int start, int length, List<String> replacement) {

    String before() {
      return text(file);
    }

    String search() {
      return text(file.subList(start, start + length));
    }

    String replace() {
      return text(replacement);
    }

    String after() {
      List<String> out = new ArrayList<>(file.subList(0, start));
      out.addAll(replacement);
      out.addAll(file.subList(start + length, file.size()));
      return text(out);
    }

    static String text(List<String> lines) {
      StringBuilder sb = new StringBuilder();
      lines.forEach(l -> sb.append(l).append('\n'));
      return sb.toString();
    }
  }

  /// Code-like lines, each unique (a running number), indented, some blank-looking.
  private static Arbitrary<String> line(int n) {
    Arbitrary<String> words = Arbitraries.of("int", "x", "=", "return", "foo(", ")", ";", "{", "}", "\"s t\"", "a.b",
        "// note", "if", "é", "日本", "->", "`", "#", "...x").list().ofMinSize(0).ofMaxSize(5)
        .map(w -> String.join(" ", w));
    Arbitrary<String> indent = Arbitraries.of("", "  ", "    ", "\t");
    return Combinators.combine(indent, words).as((i, w) -> i + w + " /*" + n + "*/");
  }

  @Provide
  Arbitrary<Change> changes() {
    return Arbitraries.integers().between(1, 40).flatMap(size -> {
      List<Arbitrary<String>> lines = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        lines.add(line(i));
      }
      Arbitrary<List<String>> file = Combinators.combine(lines).as(l -> l);
      return file.flatMap(f -> Arbitraries.integers().between(0, f.size() - 1).flatMap(start ->
          Arbitraries.integers().between(1, f.size() - start).flatMap(len ->
              Arbitraries.integers().between(0, 6).flatMap(newLines -> {
                List<Arbitrary<String>> repl = new ArrayList<>();
                for (int i = 0; i < newLines; i++) {
                  repl.add(line(1000 + i));
                }
                return Combinators.combine(repl).as(r -> new Change(f, start, len, r));
              }))));
    });
  }

  private static String applyThrough(String format, Change c, boolean create) throws IOException {
    Path dir = Files.createTempDirectory("edit-prop");
    try {
      Workspace ws = Workspace.open(dir);
      if (!create) {
        ws.writeString("src/A.java", c.before());
      }
      EditFormat f = EditFormats.forName(format);
      List<Edit> edits = create ? List.of(new Edit.Create("src/A.java", c.after()))
          : format.equals("whole") ? List.of(new Edit.Whole("src/A.java", c.after()))
          : List.of(new Edit.Replace("src/A.java", c.search(), c.replace()));
      String reply = "Here is the change.\n\n" + f.render(edits) + "\nThat should do it.\n";
      ParseResult parsed = f.parse(reply);
      assertThat(parsed.errors()).as("%s reply:\n%s", format, reply).isEmpty();
      assertThat(parsed.edits()).hasSize(1);
      EditApplier.Report report = EditApplier.apply(ws, parsed.edits(), false);
      assertThat(report.ok()).as("%s: %s\nreply:\n%s", format, report.feedback(), reply).isTrue();
      return ws.readString("src/A.java");
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }

  @Property(tries = 150)
  void searchReplaceBlocksRoundTrip(@ForAll("changes") Change c) throws IOException {
    assertThat(applyThrough("diff", c, false)).isEqualTo(c.after());
  }

  @Property(tries = 150)
  void unifiedDiffsRoundTrip(@ForAll("changes") Change c) throws IOException {
    assertThat(applyThrough("udiff", c, false)).isEqualTo(c.after());
  }

  @Property(tries = 150)
  void applyPatchesRoundTrip(@ForAll("changes") Change c) throws IOException {
    assertThat(applyThrough("patch", c, false)).isEqualTo(c.after());
  }

  @Property(tries = 100)
  void wholeFilesRoundTrip(@ForAll("changes") Change c) throws IOException {
    assertThat(applyThrough("whole", c, false)).isEqualTo(c.after());
  }

  @Property(tries = 60)
  void newFilesRoundTripInEveryFormat(@ForAll("changes") Change c) throws IOException {
    for (String format : List.of("whole", "diff", "udiff", "patch")) {
      if (format.equals("udiff") && c.after().isEmpty()) {
        continue; // a unified diff cannot say "create an empty file": there is no line to add
      }
      assertThat(applyThrough(format, c, true)).as(format).isEqualTo(c.after());
    }
  }
}
