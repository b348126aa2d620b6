package io.nootropic.cli;

import static io.nootropic.cli.Cli.model;
import static io.nootropic.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.cli.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Bad command-line input gives one `error:`/usage line naming the problem and a non-zero exit code,
/// never a stack trace: missing files, directories given as files, out-of-range numbers, bad names.
class CliBadInputTest {

  @TempDir
  Path dir;

  private static void assertOneLineError(Result r, int code, String... fragments) {
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    String first = r.err().lines().findFirst().orElse("");
    assertThat(first).contains(fragments);
    assertThat(r.err()).doesNotContain("\tat ", "Exception");
  }

  @Test
  void missingAndDirectoryModelFiles() {
    Path missing = dir.resolve("missing.gguf");
    assertOneLineError(run("inspect", missing.toString()), 1, "no such file", missing.toString());
    assertOneLineError(run("inspect", dir.toString()), 1, "is a directory", dir.toString());
    assertOneLineError(run("tokenize", "-m", missing.toString(), "hi"), 1, "--model", "no such file");
    assertOneLineError(run("tokenize", "-m", dir.toString(), "hi"), 1, "--model", "is a directory");
  }

  @Test
  void fileSystemErrorsFromAnyCommandNameTheProblemAndThePath() {
    Path missing = dir.resolve("no-such-snapshot.json");
    assertOneLineError(run("list-capabilities", "--snapshot", missing.toString()), 1, "no such file", missing.toString());
  }

  @Test
  void tokenizeFileOptionChecked() throws Exception {
    Path notGguf = Files.writeString(dir.resolve("a.gguf"), "hello");
    assertOneLineError(run("tokenize", "-m", notGguf.toString(), "--file", dir.toString()), 1, "--file", "is a directory");
    assertOneLineError(run("tokenize", "-m", notGguf.toString(), "--file", dir.resolve("nope.txt").toString()), 1,
        "--file", "no such file");
    assertOneLineError(run("tokenize", "-m", notGguf.toString(), "--bench", "--repeat", "0", "hi"), 2,
        "--repeat must be at least 1");
  }

  @Test
  void graphFileAndJournalChecked() throws Exception {
    assertOneLineError(run("graph", "path", dir.toString()), 1, "graph file is a directory");
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"tasks\": [\n");
    Result r = run("graph", "path", bad.toString());
    assertOneLineError(r, 1, "cannot parse", "line 2");
    assertThat(r.err()).doesNotContain("REDACTED");
    Path graph = Files.writeString(dir.resolve("g.yaml"), "tasks:\n  - id: a\n    capability: demo.sleep\n");
    Path journal = dir.resolve("journal");
    assertOneLineError(run("graph", "run", graph.toString(), "--journal", journal.toString(), "--parallelism", "0"), 1,
        "--parallelism must be at least 1");
    assertThat(journal).doesNotExist();
    assertOneLineError(run("graph", "run", graph.toString(), "--journal", bad.toString()), 1,
        "--journal must be a directory");
    assertThat(bad).hasContent("{\"tasks\": [\n");
  }

  @Test
  void searchAndRouteOptionsChecked() throws Exception {
    Files.writeString(dir.resolve("A.java"), "class A { void a() {} }\n");
    assertOneLineError(run("search", dir.toString(), "a", "--mode", "bogus", "--no-embeddings"), 2,
        "--mode", "bogus", "bm25, dense, hybrid");
    assertOneLineError(run("route", "--max-tokens", "-5", "hi"), 2, "-n must be at least 1");
    assertOneLineError(run("route", "--deadline-ms", "-1", "hi"), 2, "--deadline-ms must be at least 1");
    assertOneLineError(run("route", "--budget-usd", "-1", "hi"), 2, "--budget-usd must be >= 0");
    assertOneLineError(run("index", dir.toString(), "--embeddings", "bogus"), 2, "--embeddings", "bogus");
    assertOneLineError(run("repomap", dir.toString(), "--tokens", "0", "--no-embeddings"), 2, "--tokens must be at least 1");
    assertOneLineError(run("eval-retrieval", dir.toString(), "--max-queries", "-1"), 2, "must be positive");
    Path missing = dir.resolve("missing.gguf");
    assertOneLineError(run("route", "-m", missing.toString(), "hi"), 1, "--model", "no such file", missing.toString());
    Path notGguf = Files.writeString(dir.resolve("b.gguf"), "hello");
    assertOneLineError(run("route", "-m", notGguf.toString(), "hi"), 2, "--model", notGguf.toString(), "bad-magic");
  }
}
