package io.nootropic.agents.coding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.agent.HumanInTheLoop;
import io.nootropic.runtime.reflexion.RepairPolicyParser;
import io.nootropic.testing.ScriptedChatModel;
import io.nootropic.testing.ScriptedChatModel.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The whole run, deterministic: a scripted model, a real npm project whose `node --test` suite
/// fails, the real command runner. One step; one round of test feedback; a wrong edit rolled back;
/// garbage ending as `failed` within the step limit with the project unchanged.
class CodingRunTest {

  @TempDir Path repo;

  static final String BUGGY = "function add(a, b) {\n  return a - b;\n}\nmodule.exports = { add };\n";

  void nodeProject() throws Exception {
    Files.writeString(repo.resolve("package.json"), "{\"name\":\"calc\",\"version\":\"1.0.0\",\"scripts\":{\"test\":\"node --test\"}}\n");
    Files.writeString(repo.resolve("calc.js"), BUGGY);
    Files.writeString(repo.resolve("calc.test.js"), """
        const test = require('node:test');
        const assert = require('node:assert');
        const { add } = require('./calc.js');
        test('adds', () => { assert.strictEqual(add(2, 3), 5); });
        """);
  }

  static String diff(String search, String replace) {
    return "The add function subtracts.\n\ncalc.js\n```js\n<<<<<<< SEARCH\n" + search + "\n=======\n" + replace
        + "\n>>>>>>> REPLACE\n```\n";
  }

  List<ObjectNode> events = new ArrayList<>();

  CodingRun.Report run(ScriptedChatModel model, CodingRun.Options options) {
    return CodingRun.start(repo, model, options, HumanInTheLoop.NOBODY, events::add);
  }

  @Test
  void aFailingTestIsFixedInOneStep() throws Exception {
    nodeProject();
    ScriptedChatModel model = ScriptedChatModel.of(Reply.text(diff("  return a - b;", "  return a + b;")));
    CodingRun.Report r = run(model, CodingRun.Options.of("Fix the failing test").withEditFormat("diff"));

    assertThat(r.succeeded()).as(r.reason()).isTrue();
    assertThat(r.steps()).isEqualTo(1);
    assertThat(r.changed()).containsExactly("calc.js");
    assertThat(repo.resolve("calc.js")).content().contains("return a + b;");
    String prompt = model.requests().getFirst().messages().getLast().content();
    assertThat(prompt).contains("calc.js").contains("return a - b;").contains("adds");
    assertThat(events.getLast().get("type").asText()).isEqualTo("run.finished");
    assertThat(events.getLast().get("status").asText()).isEqualTo("succeeded");
    List<JsonNode> explained = ExplainabilityAgent.read(CodingRun.runDir(repo, r.runId()));
    JsonNode edit = explained.stream().filter(e -> e.get("type").asText().equals("edit")).findFirst().orElseThrow();
    assertThat(edit.get("rationale").asText()).isEqualTo("The add function subtracts.");
    assertThat(edit.get("contextIds").toString()).contains("calc.js");
    assertThat(edit.has("traceId")).as("every change carries its trace id (empty without a tracer)").isTrue();
    assertThat(edit.get("model").asText()).isEqualTo("scripted");
  }

  @Test
  void aFixThatNeedsOneRoundOfTestFeedback() throws Exception {
    nodeProject();
    ScriptedChatModel model = ScriptedChatModel.of(
        Reply.text(diff("  return a - b;", "  return a * b;")),
        Reply.text(diff("  return a * b;", "  return a + b;")));
    CodingRun.Report r = run(model, CodingRun.Options.of("Fix the failing test").withEditFormat("diff"));

    assertThat(r.succeeded()).as(r.reason()).isTrue();
    assertThat(r.steps()).isEqualTo(2);
    String second = model.requests().get(1).messages().getLast().content();
    assertThat(second).contains("Your earlier attempts did not work").contains("6");
    assertThat(repo.resolve("calc.js")).content().contains("return a + b;");
  }

  @Test
  void aWrongFirstEditIsRolledBack() throws Exception {
    nodeProject();
    ScriptedChatModel model = ScriptedChatModel.of(
        Reply.text(diff("  return a - b;", "  return a * b;")),
        Reply.text(diff("  return a - b;", "  return a + b;")));
    CodingRun.Options options = new CodingRun.Options("Fix the failing test", "diff", null, 5, null,
        RepairPolicyParser.parse("rollback", """
            {"maxAttempts": 3, "rules": [{"name": "undo", "match": {"failedCheck": ["tests"]}, "action": "rollback"}]}
            """), false, true);
    CodingRun.Report r = run(model, options);

    assertThat(r.succeeded()).as(r.reason()).isTrue();
    assertThat(repo.resolve("calc.js")).content().isEqualTo(BUGGY.replace("a - b", "a + b"));
  }

  @Test
  void garbageEndsAsFailedWithinTheStepLimitAndChangesNothing() throws Exception {
    nodeProject();
    ScriptedChatModel model = ScriptedChatModel.of();
    model.otherwise(Reply.text("I am not sure what you mean. Here is a poem about the sea."));
    CodingRun.Report r = run(model, CodingRun.Options.of("Fix the failing test").withEditFormat("diff").withMaxSteps(3));

    assertThat(r.succeeded()).isFalse();
    assertThat(model.calls()).isLessThanOrEqualTo(3);
    assertThat(r.reason()).contains("no reply held edits");
    assertThat(repo.resolve("calc.js")).content().isEqualTo(BUGGY);
    assertThat(events.getLast().get("status").asText()).isEqualTo("failed");
  }

  @Test
  void aGoalNoTemplateCoversIsPlannedByTheModelAsJsonOneTaskPerStep() throws Exception {
    nodeProject();
    Files.writeString(repo.resolve("calc.js"), BUGGY.replace("a - b", "a + b"));
    ScriptedChatModel model = ScriptedChatModel.of(
        Reply.text("```json\n{\"steps\":[{\"goal\":\"Add a sub function to calc.js\",\"files\":[\"calc.js\"]},"
            + "{\"goal\":\"Export sub from calc.js\"}]}\n```"),
        Reply.text(diff("module.exports = { add };", "function sub(a, b) {\n  return a - b;\n}\nmodule.exports = { add };")),
        Reply.text(diff("module.exports = { add };", "module.exports = { add, sub };")));
    CodingRun.Report r = run(model, CodingRun.Options.of("Give calc.js a subtraction").withEditFormat("diff"));

    assertThat(r.succeeded()).as(r.reason()).isTrue();
    assertThat(model.requests().getFirst().options().jsonOutput()).isTrue();
    assertThat(repo.resolve("calc.js")).content().contains("function sub(a, b)").contains("module.exports = { add, sub };");
    JsonNode plan = events.stream().filter(e -> e.get("type").asText().equals("plan")).findFirst().orElseThrow();
    assertThat(plan.get("tasks").toString()).contains("fix-1", "fix-2");
    assertThat(plan.get("rationale").asText()).contains("2 steps");
    assertThat(model.requests().get(2).messages().getLast().content()).contains("Export sub from calc.js (step 2 of 2");
  }

  @Test
  void aDraftedPlanThatBreaksTheSchemaFallsBackToTheTemplateAndSaysWhy() throws Exception {
    nodeProject();
    Files.writeString(repo.resolve("calc.js"), BUGGY.replace("a - b", "a + b"));
    ScriptedChatModel model = ScriptedChatModel.of(
        Reply.text("{\"steps\":[], \"extra\": 1}"),
        Reply.text(diff("module.exports = { add };", "function sub(a, b) {\n  return a - b;\n}\nmodule.exports = { add, sub };")));
    CodingRun.Report r = run(model, CodingRun.Options.of("Give calc.js a subtraction").withEditFormat("diff"));

    assertThat(r.succeeded()).as(r.reason()).isTrue();
    JsonNode plan = events.stream().filter(e -> e.get("type").asText().equals("plan")).findFirst().orElseThrow();
    assertThat(plan.get("rationale").asText()).contains("the model's plan was refused");
    assertThat(plan.get("tasks").toString()).contains("\"fix\"");
  }

  @Test
  void aModelThatCallsToolsEditsThroughTheWorkspaceTools() throws Exception {
    nodeProject();
    ScriptedChatModel model = ScriptedChatModel.of(
        Reply.tools("fs_read", "{\"path\":\"calc.js\"}"),
        Reply.tools("fs_edit", "{\"path\":\"calc.js\",\"search\":\"  return a - b;\",\"replace\":\"  return a + b;\"}"),
        Reply.text("add now adds."));
    CodingRun.Report r = run(model, CodingRun.Options.of("Fix the failing test").withEditFormat("diff").withMaxSteps(5));

    assertThat(r.succeeded()).as(r.reason()).isTrue();
    assertThat(model.requests().getFirst().tools()).extracting(t -> t.name())
        .containsExactlyInAnyOrder("fs_read", "fs_list", "fs_edit", "fs_write", "search_code");
    assertThat(model.requests().get(1).messages().getLast().content()).contains("return a - b;");
    assertThat(repo.resolve("calc.js")).content().contains("return a + b;");
    JsonNode edit = ExplainabilityAgent.read(CodingRun.runDir(repo, r.runId())).stream()
        .filter(e -> e.get("type").asText().equals("edit")).findFirst().orElseThrow();
    assertThat(edit.get("edits").toString()).contains("tool calc.js");
    assertThat(edit.get("rationale").asText()).isEqualTo("add now adds.");
  }

  @Test
  void aCallLogLineCutShortByACrashIsDroppedAndTheNextRecordStartsOnItsOwnLine() throws Exception {
    Path file = repo.resolve("calls.jsonl");
    String good = "{\"key\":\"fix#1\",\"costUsd\":0,\"request\":{},\"response\":{\"model\":\"m\",\"text\":\"a\","
        + "\"toolCalls\":[],\"finishReason\":\"STOP\",\"usage\":{\"inputTokens\":1,\"outputTokens\":1}}}\n";
    byte[] torn = "{\"key\":\"fix#2\",\"resp\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(file, java.util.Arrays.copyOf((good + new String(torn, java.nio.charset.StandardCharsets.UTF_8)).getBytes(
        java.nio.charset.StandardCharsets.UTF_8), good.length() + torn.length - 1)); // cut inside the 2-byte character
    ScriptedChatModel model = ScriptedChatModel.of(Reply.text("b"));
    try (CodingRun.CallLog log = CodingRun.CallLog.open(file, 10)) {
      assertThat(log.count()).isEqualTo(1);
      io.nootropic.api.model.ChatModel m = log.forTask("fix", model);
      assertThat(m.chat(io.nootropic.api.model.ChatRequest.of("x")).text()).as("answered from the log").isEqualTo("a");
      assertThat(m.chat(io.nootropic.api.model.ChatRequest.of("x")).text()).as("asked").isEqualTo("b");
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("{\"key\":\"fix#2\"");
    try (CodingRun.CallLog again = CodingRun.CallLog.open(file, 10)) {
      assertThat(again.count()).isEqualTo(2);
    }
  }

  @Test
  void aCopiedRunFolderIsRefused() throws Exception {
    nodeProject();
    ScriptedChatModel model = ScriptedChatModel.of(Reply.text(diff("  return a - b;", "  return a + b;")));
    CodingRun.Report r = run(model, CodingRun.Options.of("Fix the failing test").withEditFormat("diff"));
    Path copy = CodingRun.runDir(repo, "run-copy");
    Files.createDirectories(copy);
    Files.copy(CodingRun.runDir(repo, r.runId()).resolve("run.json"), copy.resolve("run.json"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CodingRun.resume(repo, "run-copy", model, null,
        HumanInTheLoop.NOBODY, e -> { })).isInstanceOf(CodingRun.RunException.class).hasMessageContaining("belongs to run");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CodingRun.Options.of("x").withMaxSteps(3).withCandidates(3))
        .hasMessageContaining("raise the step limit");
  }

  @Test
  void aRunWithoutABuildNeedsATestCommand() throws Exception {
    Files.writeString(repo.resolve("x.txt"), "x");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(ScriptedChatModel.of(), CodingRun.Options.of("Fix it")))
        .isInstanceOf(CodingRun.RunException.class).hasMessageContaining("--test-cmd");
  }
}
