package io.nootropic.agents.coding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.api.task.TaskId;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.task.DriftEvent;
import io.nootropic.runtime.task.TaskGraphService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Templates by goal kind, and the JSON Patch re-plans a real task graph service accepts.
class PlannerAgentTest {

  @TempDir Path journal;

  @Test
  void goalsAreSortedIntoTemplateKinds() {
    assertThat(PlannerAgent.plan("Fix the failing tests").kind()).isEqualTo("fix-tests");
    assertThat(PlannerAgent.plan("make the build pass again").kind()).isEqualTo("fix-tests");
    assertThat(PlannerAgent.plan("Rename Calc to Calculator").kind()).isEqualTo("rename");
    assertThat(PlannerAgent.plan("Rename Calc to Calculator").strategy()).isEqualTo("refactor");
    assertThat(PlannerAgent.plan("Add a test for Stats.mean").kind()).isEqualTo("add-test");
    assertThat(PlannerAgent.plan("Give calc.js a subtraction").kind()).isEqualTo("change");
    assertThat(PlannerAgent.plan("make the tests pass").kind()).isEqualTo("fix-tests");
    assertThat(PlannerAgent.plan("fix the off-by-one bug in paginate()").kind())
        .as("a bug the tests may not show yet is a change, not 'tests already pass, done'").isEqualTo("change");
    assertThat(PlannerAgent.plan("make parse() return Optional and update the tests").kind()).isEqualTo("change");
    assertThat(PlannerAgent.plan("x").tasks()).extracting(t -> t.id().value())
        .containsExactly("baseline", "context", "fix", "verify");
  }

  @Test
  void theBaselineRevisesOnlyItsSubtree() throws Exception {
    PlannerAgent.Plan plan = PlannerAgent.plan("Fix the failing tests");
    ObjectMapper json = new ObjectMapper();
    JsonNode passing = PlannerAgent.revise(plan, "baseline", json.readTree("{\"passed\":true,\"failingTests\":[]}")).orElseThrow();
    assertThat(passing.toString()).contains("/tasks/fix/inputs/skip");
    JsonNode failing = PlannerAgent.revise(plan, "baseline",
        json.readTree("{\"passed\":false,\"failingTests\":[\"a.BTest#c\"]}")).orElseThrow();
    assertThat(failing.toString()).contains("/tasks/context/inputs/focus").doesNotContain("/tasks/fix/");
    assertThat(PlannerAgent.revise(plan, "context", json.readTree("{}"))).isEmpty();
    try (TaskGraphService graphs = TaskGraphService.open(FileTaskStore.open(journal))) {
      graphs.createRun("r", plan.tasks());
      graphs.applyPatch("r", failing);
      assertThat(graphs.state("r", TaskId.of("context")).spec().inputs().get("focus").get(0).asText()).isEqualTo("a.BTest#c");
    }
  }

  @Test
  void driftReEstimatesThePendingTasks() throws Exception {
    PlannerAgent.Plan plan = PlannerAgent.plan("Fix the failing tests");
    try (TaskGraphService graphs = TaskGraphService.open(FileTaskStore.open(journal))) {
      graphs.createRun("r", plan.tasks());
      DriftEvent drift = new DriftEvent(Instant.now(), "r", TaskId.of("baseline"), Duration.ofSeconds(30),
          Duration.ofSeconds(90), 1.5);
      JsonNode patch = PlannerAgent.reviseOnDrift(graphs.graph("r"), drift).orElseThrow();
      graphs.applyPatch("r", patch);
      assertThat(graphs.state("r", TaskId.of("verify")).spec().estimate().duration()).isEqualTo(Duration.ofSeconds(90));
      assertThat(graphs.state("r", TaskId.of("fix")).spec().estimate().duration()).isEqualTo(Duration.ofMinutes(6));
      DriftEvent early = new DriftEvent(Instant.now(), "r", TaskId.of("baseline"), Duration.ofSeconds(30),
          Duration.ofSeconds(20), 1.5);
      assertThat(PlannerAgent.reviseOnDrift(graphs.graph("r"), early)).isEmpty();
    }
  }
}
