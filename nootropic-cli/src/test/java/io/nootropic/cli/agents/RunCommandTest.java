package io.nootropic.cli.agents;

import static io.nootropic.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.cli.Cli;
import io.nootropic.cli.Cli.Result;
import io.nootropic.testing.FaultServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `nootropic run`, `resume` and `explain` on the sample projects of `examples/`: a recorded
/// model, an OpenAI-compatible server (streaming and not), a real local GGUF model that cannot
/// write code, and garbage; the exit codes and the JSON lines of the contract.
class RunCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static Path root() {
    String root = System.getProperty("nootropic.root");
    return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
  }

  Path sample(String name) throws IOException {
    Path src = root().resolve("examples").resolve(name);
    Path dst = dir.resolve(name);
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          if (!p.getFileName().toString().equals("target")) {
            Files.createDirectories(t);
          }
        } else if (!src.relativize(p).toString().startsWith("target")) {
          Files.copy(p, t);
        }
      }
    }
    return dst;
  }

  static String diff(String path, String search, String replace) {
    return "The code is wrong here.\n\n" + path + "\n```\n<<<<<<< SEARCH\n" + search + "\n=======\n" + replace
        + "\n>>>>>>> REPLACE\n```\n";
  }

  Path replay(String... replies) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String r : replies) {
      ObjectNode line = JSON.createObjectNode();
      line.putObject("request");
      line.putObject("response").put("model", "scripted").put("text", r).put("finishReason", "STOP")
          .putObject("usage").put("inputTokens", 100).put("outputTokens", 20);
      sb.append(line).append('\n');
    }
    return Files.writeString(dir.resolve("replay-" + replies.length + "-" + System.nanoTime() + ".jsonl"), sb.toString());
  }

  static List<JsonNode> lines(Result r) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  @Test
  void theRecordedDemoFixesTheJsSampleAndExplainsItself() throws Exception {
    Path repo = sample("calculator-js");
    Result r = run("run", "--repo", repo.toString(), "--model", "replay:" + root().resolve("examples/calculator-js.replay.jsonl"),
        "--json", "Fix the failing test");
    assertThat(r.code()).as(r.err()).isZero();
    List<JsonNode> events = lines(r);
    JsonNode last = events.getLast();
    assertThat(last.get("type").asText()).isEqualTo("run.finished");
    assertThat(last.get("status").asText()).isEqualTo("succeeded");
    String runId = last.get("runId").asText();
    assertThat(events.getFirst().get("type").asText()).isEqualTo("run.started");
    assertThat(events).extracting(e -> e.get("type").asText()).contains("plan", "tests");
    assertThat(repo.resolve("calc.js")).content().contains("return a + b;");

    Result explain = run("explain", "--repo", repo.toString(), runId, "--json");
    assertThat(explain.code()).as(explain.err()).isZero();
    JsonNode doc = JSON.readTree(explain.out());
    assertThat(doc.get("run").get("goal").asText()).isEqualTo("Fix the failing test");
    List<String> types = new ArrayList<>();
    doc.get("entries").forEach(e -> types.add(e.get("type").asText()));
    assertThat(types).containsSubsequence("plan", "tests", "context", "edit", "tests", "repair", "tests", "run.finished");
    Result human = run("explain", "--repo", repo.toString(), runId);
    assertThat(human.out()).contains("why: `add` subtracts its arguments").contains("whole calc.js");
  }

  @Test
  void aMavenProjectIsFixedAfterOneRoundOfTestFeedback() throws Exception {
    Path repo = sample("calculator-maven");
    Path record = dir.resolve("traffic.jsonl");
    Path model = replay(
        diff("src/main/java/demo/Stats.java", "    return sum / values.length;", "    return sum / values.length + 0;"),
        diff("src/main/java/demo/Stats.java", "    return sum / values.length + 0;", "    return (double) sum / values.length;"));
    Result r = run("run", "--repo", repo.toString(), "--model", "replay:" + model, "--edit-format", "diff",
        "--record", record.toString(), "Make the failing test pass");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("tests: mvn").contains("succeeded: ");
    assertThat(repo.resolve("src/main/java/demo/Stats.java")).content().contains("return (double) sum / values.length;");
    List<String> traffic = Files.readAllLines(record);
    assertThat(traffic).hasSize(2);
    String secondPrompt = JSON.readTree(traffic.get(1)).get("request").get("messages").get(1).get("content").asText();
    assertThat(secondPrompt).contains("demo.StatsTest#meanKeepsTheFraction").contains("expected: <2.5> but was: <2.0>");
    // the fix ran the failing test alone; verify ran the whole suite
    Path runs = repo.resolve(".nootropic/runs");
    Path runDir;
    try (Stream<Path> s = Files.list(runs)) {
      runDir = s.findFirst().orElseThrow();
    }
    List<String> argvs = new ArrayList<>();
    for (JsonNode e : io.nootropic.agents.coding.ExplainabilityAgent.read(runDir)) {
      if (e.get("type").asText().equals("tests") && e.path("task").asText().equals("fix")) {
        argvs.add(e.get("argv").toString());
      }
    }
    assertThat(argvs).isNotEmpty().allMatch(a -> a.contains("-Dtest=demo.StatsTest#meanKeepsTheFraction"));
  }

  @Test
  void garbageFailsWithinTheStepLimitAndLeavesTheRepositoryAsItWas() throws Exception {
    Path repo = sample("calculator-js");
    String before = Files.readString(repo.resolve("calc.js"));
    Path model = replay("Sorry, I cannot help.", "Here is a haiku.", "```\nnothing\n```", "still nothing");
    Result r = run("run", "--repo", repo.toString(), "--model", "replay:" + model, "--max-steps", "3", "--json",
        "Fix the failing test");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode last = lines(r).getLast();
    assertThat(last.get("status").asText()).isEqualTo("failed");
    assertThat(last.get("steps").asInt()).isLessThanOrEqualTo(3);
    assertThat(repo.resolve("calc.js")).content().isEqualTo(before);
  }

  @Test
  void yesApprovesOnlyTheKindsItNames() {
    java.io.PrintWriter err = new java.io.PrintWriter(new java.io.StringWriter());
    var approver = RunCommand.approver(err, List.of("command"));
    var command = new io.nootropic.api.agent.HumanQuestion("r", "run git -c x?", "", List.of(),
        java.util.Map.of(io.nootropic.api.agent.HumanQuestion.KIND, "command"));
    var path = new io.nootropic.api.agent.HumanQuestion("r", "write .git/hooks/x?", "", List.of(),
        java.util.Map.of(io.nootropic.api.agent.HumanQuestion.KIND, "protected-path"));
    assertThat(approver.ask(command, java.time.Duration.ofSeconds(1)).approved()).isTrue();
    assertThat(approver.ask(path, java.time.Duration.ofSeconds(1)).approved()).as("not interactive: refused").isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunCommand.approver(err, List.of("everything")))
        .hasMessageContaining("command, protected-path, budget, escalation, all");
  }

  @Test
  void withoutAModelItSaysInOneLineHowToPointItAtOne() throws Exception {
    Path repo = sample("calculator-js");
    Result r = run("run", "--repo", repo.toString(), "Fix the failing test");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("--model FILE.gguf").contains("--remote URL --remote-model ID");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Path repo = sample("calculator-js");
    Path model = replay("x");
    assertThat(run("run", "--repo", dir.resolve("nope").toString(), "--model", "replay:" + model, "goal").code()).isEqualTo(2);
    assertThat(run("run", "--repo", repo.toString(), "--model", "replay:" + model, "--edit-format", "sed", "goal").code())
        .isEqualTo(2);
    Result noBuild = run("run", "--repo", dir.toString(), "--model", "replay:" + model, "goal");
    assertThat(noBuild.code()).isEqualTo(2);
    assertThat(noBuild.err()).contains("--test-cmd");
    assertThat(run("run", "--repo", repo.toString(), "--model", "replay:" + model, "--test-cmd", "npm 'test", "goal").code())
        .isEqualTo(2);
    assertThat(run("resume", "--repo", repo.toString(), "run-nope", "--model", "replay:" + model).code()).isEqualTo(2);
    Result explain = run("explain", "--repo", repo.toString(), "../../etc");
    assertThat(explain.code()).isEqualTo(2);
    assertThat(explain.err()).contains("not a run id");
  }

  @Test
  void anOpenAiCompatibleServerWorksStreamingAndNot() throws Exception {
    for (boolean stream : new boolean[] {true, false}) {
      Path repo = sample("calculator-js");
      try (FaultServer server = FaultServer.start()) {
        server.then(FaultServer.answer(stream, "The add function subtracts.\n\ncalc.js\n```\n<<<<<<< SEARCH\n",
            "  return a - b;\n=======\n  return a + b;\n", ">>>>>>> REPLACE\n```\n"));
        List<String> args = new ArrayList<>(List.of("run", "--repo", repo.toString(), "--remote", server.baseUrl().toString(),
            "--remote-model", "coder", "Fix the failing test"));
        if (!stream) {
          args.add(1, "--no-stream");
        }
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as("stream=" + stream + ": " + r.err()).isZero();
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().getFirst()).contains("\"stream\":" + stream);
        assertThat(repo.resolve("calc.js")).content().contains("return a + b;");
      }
      Files.walk(repo).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void aRealLocalModelThatCannotWriteCodeFailsCleanly() throws Exception {
    Path gguf = Cli.model("stories260K.gguf");
    Path repo = sample("calculator-js");
    String before = Files.readString(repo.resolve("calc.js"));
    Result r = run("run", "--repo", repo.toString(), "--model", gguf.toString(), "--max-steps", "2", "Fix the failing test");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).as("local models get the whole format").contains("[local/stories260k, whole,");
    assertThat(r.err()).as("it says why it failed").containsPattern("failed: (the model did not answer: .*context|no reply held edits)")
        .doesNotContain("Exception:");
    assertThat(repo.resolve("calc.js")).content().isEqualTo(before);
  }
}
