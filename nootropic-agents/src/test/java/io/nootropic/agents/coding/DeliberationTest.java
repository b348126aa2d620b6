package io.nootropic.agents.coding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nootropic.api.agent.HumanInTheLoop;
import io.nootropic.api.memory.Episode;
import io.nootropic.api.memory.Memory;
import io.nootropic.testing.ScriptedChatModel;
import io.nootropic.testing.ScriptedChatModel.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Candidates are judged by the tests first, then by a vote weighted by each source's accuracy,
/// which memory records.
class DeliberationTest {

  @TempDir Path repo;

  /// A memory that recalls every episode whose goal equals the query.
  static final class ListMemory implements Memory {
    final List<Episode> episodes = new ArrayList<>();

    @Override
    public void store(Episode episode) {
      episodes.add(episode);
    }

    @Override
    public List<Episode> recall(String goal, int k) {
      return episodes.stream().filter(e -> e.goal().equals(goal)).limit(k).toList();
    }
  }

  @Test
  void testsDecideFirst() {
    List<Deliberation.Tried> tried = List.of(
        new Deliberation.Tried("a@0.0", true, false, 0.9, "wrong"),
        new Deliberation.Tried("b@0.4", true, true, 0.1, "right"),
        new Deliberation.Tried("c@0.8", false, false, 0.9, "garbage"));
    assertThat(Deliberation.choose(tried)).isEqualTo(1);
  }

  @Test
  void amongPassingPatchesTheAccuracyWeightedVoteChoosesAndEqualPatchesPoolTheirWeights() {
    List<Deliberation.Tried> tried = List.of(
        new Deliberation.Tried("a", true, true, 0.6, "patch X"),
        new Deliberation.Tried("b", true, true, 0.4, "patch Y"),
        new Deliberation.Tried("c", true, true, 0.4, "patch Y"));
    assertThat(Deliberation.choose(tried)).as("0.4 + 0.4 beats 0.6").isEqualTo(1);
    assertThat(Deliberation.choose(List.of(tried.get(0), tried.get(1)))).isEqualTo(0);
    assertThat(Deliberation.choose(List.of(new Deliberation.Tried("a", false, false, 1, "x")))).isEqualTo(-1);
  }

  @Test
  void accuracyComesFromMemory() {
    ListMemory memory = new ListMemory();
    assertThat(Deliberation.accuracy(memory, "m@0.0")).isEqualTo(0.5);
    for (String outcome : List.of("passed", "passed", "failed")) {
      memory.store(new Episode(outcome + memory.episodes.size(), "model accuracy: m@0.0", "", "", outcome, Instant.now()));
    }
    assertThat(Deliberation.accuracy(memory, "m@0.0")).isEqualTo(3.0 / 5.0);
  }

  @Test
  void aRunWeighsCandidatesAndKeepsThePassingOne() throws Exception {
    Files.writeString(repo.resolve("package.json"), "{\"name\":\"calc\",\"version\":\"1.0.0\",\"scripts\":{\"test\":\"node --test\"}}\n");
    Files.writeString(repo.resolve("calc.js"), CodingRunTest.BUGGY);
    Files.writeString(repo.resolve("calc.test.js"), """
        const test = require('node:test');
        const assert = require('node:assert');
        const { add } = require('./calc.js');
        test('adds', () => { assert.strictEqual(add(2, 3), 5); });
        """);
    ScriptedChatModel model = ScriptedChatModel.of(
        Reply.text(CodingRunTest.diff("  return a - b;", "  return a * b;")),
        Reply.text(CodingRunTest.diff("  return a - b;", "  return b + a;")),
        Reply.text("no idea"));
    CodingRun.Report r = CodingRun.start(repo, model, CodingRun.Options.of("Fix the failing test").withEditFormat("diff")
        .withCandidates(3), HumanInTheLoop.NOBODY, e -> { });

    assertThat(r.succeeded()).as(r.reason()).isTrue();
    assertThat(model.calls()).isEqualTo(3);
    assertThat(repo.resolve("calc.js")).content().contains("return b + a;");
    assertThat(model.requests()).extracting(q -> q.options().temperature()).containsExactly(0.0, 0.4, 0.8);
    JsonNode d = ExplainabilityAgent.read(CodingRun.runDir(repo, r.runId())).stream()
        .filter(e -> e.get("type").asText().equals("deliberation")).findFirst().orElseThrow();
    assertThat(d.get("chosen").asInt()).isEqualTo(1);
    assertThat(d.get("why").asText()).contains("1 of 3 candidates pass");
  }
}
