package io.nootropic.cli.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.JournalRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `kill -9` of the real launcher in the middle of a run, then `nootropic resume`: the run
/// finishes, finished steps are not redone, no model reply is asked twice, no edit is lost.
class RunKillResumeIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static Path root() {
    String root = System.getProperty("nootropic.root");
    return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
  }

  Path project() throws IOException {
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo);
    Files.writeString(repo.resolve("package.json"), "{\"name\":\"calc\",\"version\":\"1.0.0\",\"scripts\":{\"test\":\"node --test\"}}\n");
    Files.writeString(repo.resolve("calc.js"), "function add(a, b) {\n  return a - b;\n}\nmodule.exports = { add };\n");
    Files.writeString(repo.resolve("calc.test.js"), """
        const test = require('node:test');
        const assert = require('node:assert');
        const { add } = require('./calc.js');
        test('adds', () => { assert.strictEqual(add(2, 3), 5); });
        """);
    // a slow test runner, so that the kill lands while tests run
    Files.writeString(repo.resolve("slow-test.js"), """
        const { spawnSync } = require('node:child_process');
        const until = Date.now() + 1500;
        while (Date.now() < until) { }
        const r = spawnSync(process.execPath, ['--test', 'calc.test.js'], { stdio: 'inherit' });
        process.exit(r.status === null ? 1 : r.status);
        """);
    return repo;
  }

  Path replay() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String[] edit : new String[][] {{"  return a - b;", "  return a * b;"}, {"  return a * b;", "  return a + b;"}}) {
      ObjectNode line = JSON.createObjectNode();
      line.putObject("request");
      line.putObject("response").put("text", "Fix add.\n\ncalc.js\n```\n<<<<<<< SEARCH\n" + edit[0] + "\n=======\n" + edit[1]
          + "\n>>>>>>> REPLACE\n```\n").put("finishReason", "STOP");
      sb.append(line).append('\n');
    }
    return Files.writeString(dir.resolve("replay.jsonl"), sb.toString());
  }

  Process launch(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("bash", root().resolve("nootropic").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("NOOTROPIC_NO_BUILD", "1");
    return pb.start();
  }

  @Test
  void aRunKilledWhileItsTestsRunIsFinishedByResume() throws Exception {
    Path repo = project();
    Path model = replay();
    Process run = launch(dir.resolve("run.log"), "run", "--repo", repo.toString(), "--model", "replay:" + model,
        "--edit-format", "diff", "--test-cmd", "node slow-test.js", "--json", "Fix the failing test");
    Path runs = repo.resolve(".nootropic/runs");
    Path calls = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(runs)) {
        try (var s = Files.list(runs)) {
          calls = s.map(p -> p.resolve("calls.jsonl")).filter(Files::exists).findFirst().orElse(null);
        }
        if (calls != null && Files.readAllLines(calls).size() >= 1) {
          break;
        }
      }
      Thread.sleep(50);
    }
    assertThat(calls).as("the run asked the model: %s", Files.readString(dir.resolve("run.log"))).isNotNull();
    Thread.sleep(400); // inside attempt 1's slow test run
    run.descendants().forEach(ProcessHandle::destroyForcibly);
    run.destroyForcibly(); // SIGKILL
    run.waitFor(30, TimeUnit.SECONDS);
    String runId = calls.getParent().getFileName().toString();
    assertThat(Files.readString(dir.resolve("run.log"))).doesNotContain("run.finished");

    Process resume = launch(dir.resolve("resume.log"), "resume", "--repo", repo.toString(), runId, "--model",
        "replay:" + model, "--json");
    assertThat(resume.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(dir.resolve("resume.log"), StandardCharsets.UTF_8);
    assertThat(resume.exitValue()).as(log).isZero();
    JsonNode last = JSON.readTree(log.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
    assertThat(last.get("type").asText()).isEqualTo("run.finished");
    assertThat(last.get("status").asText()).isEqualTo("succeeded");
    assertThat(repo.resolve("calc.js")).content().contains("return a + b;");
    assertThat(Files.readAllLines(calls)).as("no reply was asked twice").hasSize(2);
    try (FileTaskStore store = FileTaskStore.open(calls.getParent().resolve("journal"))) {
      long baselineDone = store.recovery().records().stream()
          .filter(r -> r.type().equals("task.succeeded") && r.data().toString().contains("\"baseline\""))
          .count();
      assertThat(baselineDone).as("the finished baseline is not redone").isEqualTo(1);
      assertThat(store.recovery().records()).extracting(JournalRecord::type).contains("task.succeeded");
    }
  }
}
