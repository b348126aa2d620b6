package io.nootropic.cli.graph;

import io.nootropic.cli.NootropicCli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.cli.graph.DemoSleepCapability;
import io.nootropic.runtime.registry.CapabilityRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/// `nootropic graph` on the example graph in docs/examples.
class GraphCommandTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = NootropicCli.commandLine(new NootropicCli(() -> {
      CapabilityRegistry r = CapabilityRegistry.create();
      r.register(new DemoSleepCapability());
      return r;
    }));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  static Path example(String name) {
    Path root = Path.of(System.getProperty("nootropic.root", "../.."));
    return root.resolve("docs/examples").resolve(name);
  }

  @Test
  void pathPrintsTheCriticalPathAndSlack() throws Exception {
    Run text = run("graph", "path", example("graph-demo.yaml").toString());
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).contains("critical path (1450 ms): fetch -> compile -> unit-tests -> package");
    Run json = run("graph", "path", "--json", example("graph-demo.yaml").toString());
    JsonNode j = JSON.readTree(json.out());
    assertThat(j.get("durationMs").asLong()).isEqualTo(1450);
    List<String> slackOfLint = new ArrayList<>();
    for (JsonNode t : j.get("tasks")) {
      if (t.get("id").asText().equals("lint")) {
        slackOfLint.add(t.get("slack").asText());
      }
    }
    // lint may start at 200 and must end by 1200: 1000 - 150 = 850 ms of slack
    assertThat(slackOfLint).containsExactly("850");
  }

  @Test
  void patchOfAFileReschedules() throws Exception {
    Path out = tmp.resolve("patched.json");
    Run r = run("graph", "patch", example("graph-demo-patch.json").toString(), example("graph-demo.yaml").toString(),
        "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    Run p = run("graph", "path", "--json", out.toString());
    JsonNode j = JSON.readTree(p.out());
    // integration-tests (500 ms after compile) now ends after unit-tests: 200 + 600 + 500 + 250
    assertThat(j.get("durationMs").asLong()).isEqualTo(1550);
    assertThat(j.get("criticalPath").toString()).contains("integration-tests");
    assertThat(j.get("tasks").size()).isEqualTo(7);
  }

  @Test
  void badInputGetsOneErrorLine() throws Exception {
    Path bad = tmp.resolve("cycle.json");
    Files.writeString(bad, """
        {"tasks": {"a": {"capability": "demo.sleep", "deps": ["b"]}, "b": {"capability": "demo.sleep", "deps": ["a"]}}}""");
    Run r = run("graph", "path", bad.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: dependency cycle:");
    Path missing = tmp.resolve("no-such-journal");
    Run m = run("graph", "resume", "--journal", missing.toString());
    assertThat(m.exit()).isEqualTo(1);
    assertThat(m.err()).contains("no journal directory");
    assertThat(missing).doesNotExist();
    Files.writeString(bad, "{\"tasks\": {\"a\": {\"capability\": \"demo.sleep\", \"estimateMs\": -3}}}");
    assertThat(run("graph", "path", bad.toString()).err()).contains("estimateMs");
  }

  @Test
  void runThenResumeWithAJournal() throws Exception {
    Path journal = tmp.resolve("journal");
    Path fast = tmp.resolve("fast.json");
    Files.writeString(fast, """
        {"tasks": {
          "a": {"capability": "demo.sleep", "inputs": {"ms": 5}, "estimateMs": 5},
          "b": {"capability": "demo.sleep", "inputs": {"ms": 5, "failAttempts": 1}, "estimateMs": 5, "deps": ["a"],
                "retry": {"maxAttempts": 2, "initialBackoffMs": 5}},
          "c": {"capability": "demo.sleep", "inputs": {"fail": true}, "deps": ["a"], "retry": {"maxAttempts": 1}},
          "d": {"capability": "demo.sleep", "deps": ["c"]}}}""");
    Run r = run("graph", "run", fast.toString(), "--journal", journal.toString(), "--sync", "none", "--json");
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.at("/tasks/a/status").asText()).isEqualTo("succeeded");
    assertThat(j.at("/tasks/b/result/attempt").asInt()).isEqualTo(2);
    assertThat(j.at("/tasks/c/status").asText()).isEqualTo("failed");
    assertThat(j.at("/tasks/d/status").asText()).isEqualTo("skipped");
    assertThat(j.at("/tasks/d/error").asText()).contains("dependency c failed");
    assertThat(r.err()).contains("succeeded");

    Run again = run("graph", "run", fast.toString(), "--journal", journal.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");

    Run resumed = run("graph", "resume", "--journal", journal.toString(), "--json");
    JsonNode k = JSON.readTree(resumed.out());
    assertThat(k.at("/tasks/b/result")).isEqualTo(j.at("/tasks/b/result"));
    assertThat(k.at("/tasks/d/status").asText()).isEqualTo("skipped");
  }
}
