package io.nootropic.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.api.event.Event;
import io.nootropic.api.task.TaskEstimate;
import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.JournalConfig;
import io.nootropic.runtime.journal.SyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskGraphServiceTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static TaskSpec t(String id, long ms, String... deps) {
    return TaskSpec.of(id, "demo.sleep", JSON.createObjectNode().put("ms", ms), Duration.ofMillis(ms), deps);
  }

  static TaskId id(String s) {
    return TaskId.of(s);
  }

  FileTaskStore store() {
    return FileTaskStore.open(dir, JournalConfig.custom().syncPolicy(SyncPolicy.NONE).build());
  }

  static final List<TaskSpec> DIAMOND = List.of(t("a", 3), t("b", 2, "a"), t("c", 1, "a"), t("d", 4, "b", "c"));

  @Test
  void stateSurvivesReopenExactly() {
    List<Event> events = new CopyOnWriteArrayList<>();
    try (TaskGraphService s = TaskGraphService.open(store(), TaskGraphService.Options.defaults().withEvents(events::add))) {
      s.createRun("r1", DIAMOND);
      TaskAttempt a = s.start("r1", id("a"));
      assertThat(a.idempotencyKey()).isEqualTo("r1/a");
      assertThat(s.succeed(a, JSON.createObjectNode().put("v", 1), Duration.ofMillis(5))).isTrue();
      assertThat(s.ready("r1")).containsExactly(id("b"), id("c"));
      TaskAttempt b = s.start("r1", id("b"));
      s.attemptFailed(b, "flaky", Duration.ofMillis(1));
      s.setEstimate("r1", id("c"), TaskEstimate.of(Duration.ofMillis(50)));
    }
    assertThat(events).extracting(Event::topic).contains("run.created", "task.started", "task.succeeded",
        "task.ready", "task.attempt-failed", "task.estimated");
    try (TaskGraphService s = TaskGraphService.open(store())) {
      TaskGraph g = s.graph("r1");
      assertThat(g.state(id("a")).status()).isEqualTo(TaskStatus.SUCCEEDED);
      assertThat(g.state(id("a")).result().get("v").asInt()).isEqualTo(1);
      assertThat(g.state(id("b")).status()).isEqualTo(TaskStatus.READY);
      assertThat(g.state(id("b")).failures()).isEqualTo(1);
      assertThat(g.state(id("b")).attempts()).isEqualTo(1);
      // a took 5 ms (actual), c is now estimated at 50 ms: a(5) c(50) d(4) = 59
      assertThat(g.duration()).isEqualTo(59);
      assertThat(g.criticalPath()).containsExactly(id("a"), id("c"), id("d"));
    }
  }

  @Test
  void completionIsRecordedOnceAndStaleAttemptsAreRefused() {
    try (TaskGraphService s = TaskGraphService.open(store())) {
      s.createRun("r", DIAMOND);
      TaskAttempt a1 = s.start("r", id("a"));
      s.attemptFailed(a1, "boom", Duration.ZERO);
      TaskAttempt a2 = s.start("r", id("a"));
      assertThat(s.succeed(a1, JSON.nullNode(), Duration.ZERO)).as("stale attempt").isFalse();
      assertThat(s.succeed(a2, JSON.nullNode(), Duration.ZERO)).isTrue();
      assertThat(s.succeed(a2, JSON.nullNode(), Duration.ZERO)).as("second completion").isFalse();
      assertThatThrownBy(() -> s.start("r", id("a"))).isInstanceOf(TaskGraphException.class)
          .hasMessageContaining("SUCCEEDED");
    }
    try (FileTaskStore st = store()) {
      long completions = st.recovery().records().stream().filter(r -> r.type().equals("task.succeeded")).count();
      assertThat(completions).isEqualTo(1);
    }
  }

  @Test
  void failureSkipsDependantsWithTheCause() {
    try (TaskGraphService s = TaskGraphService.open(store())) {
      s.createRun("r", DIAMOND);
      s.start("r", id("a"));
      s.fail("r", id("a"), "disk full");
      TaskGraph g = s.graph("r");
      for (String x : List.of("b", "c", "d")) {
        assertThat(g.state(id(x)).status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(g.state(id(x)).error()).contains("dependency a failed").contains("disk full");
      }
      assertThat(g.isFinished()).isTrue();
    }
  }

  @Test
  void runningTasksAreRetriedOrFailedPerPolicyOnReopen() {
    try (TaskGraphService s = TaskGraphService.open(store())) {
      s.createRun("r", List.of(t("x", 1), t("y", 1).withOnInterrupt(InterruptPolicy.FAIL), t("z", 1, "y")));
      s.start("r", id("x"));
      s.start("r", id("y"));
    }
    try (TaskGraphService s = TaskGraphService.open(store())) {
      assertThat(s.state("r", id("x")).status()).isEqualTo(TaskStatus.READY);
      assertThat(s.state("r", id("x")).attempts()).isEqualTo(1);
      assertThat(s.state("r", id("y")).status()).isEqualTo(TaskStatus.FAILED);
      assertThat(s.state("r", id("z")).status()).isEqualTo(TaskStatus.SKIPPED);
      assertThat(s.resumeLog()).hasSize(2);
      assertThat(s.start("r", id("x")).attempt()).isEqualTo(2);
    }
  }

  @Test
  void snapshotsCompactWithoutChangingState() {
    try (TaskGraphService s = TaskGraphService.open(store(), TaskGraphService.Options.defaults().withSnapshotEvery(3))) {
      s.createRun("r", DIAMOND);
      s.succeed(s.start("r", id("a")), JSON.createObjectNode().put("v", 7), Duration.ofMillis(3));
      s.succeed(s.start("r", id("b")), JSON.createObjectNode().put("v", 8), Duration.ofMillis(2));
      s.start("r", id("c"));
    }
    try (FileTaskStore st = store()) {
      assertThat(st.recovery().snapshot()).isPresent();
      assertThat(st.recovery().records().size()).isLessThan(3);
    }
    try (TaskGraphService s = TaskGraphService.open(store())) {
      assertThat(s.results("r")).containsKeys(id("a"), id("b"));
      assertThat(s.state("r", id("c")).status()).isEqualTo(TaskStatus.READY);
    }
  }

  @Test
  void patchAddsAndReschedulesOnlyTheImpactedSubtree() throws Exception {
    try (TaskGraphService s = TaskGraphService.open(store())) {
      s.createRun("r", DIAMOND);
      s.succeed(s.start("r", id("a")), JSON.createObjectNode().put("v", 1), Duration.ofMillis(3));
      JsonNode patch = JSON.readTree("""
          [{"op":"add","path":"/tasks/e","value":{"capability":"demo.sleep","estimateMs":9,"deps":["a"]}},
           {"op":"add","path":"/tasks/d/deps/-","value":"e"},
           {"op":"replace","path":"/tasks/c/estimateMs","value":2}]""");
      PatchResult r = s.applyPatch("r", patch);
      assertThat(r.added()).containsExactly(id("e"));
      assertThat(r.changed()).containsExactlyInAnyOrder(id("c"), id("d"));
      assertThat(r.impacted()).containsExactlyInAnyOrder(id("c"), id("d"), id("e"));
      assertThat(s.state("r", id("a")).status()).isEqualTo(TaskStatus.SUCCEEDED);
      assertThat(s.state("r", id("e")).status()).isEqualTo(TaskStatus.READY);
      assertThat(s.graph("r").duration()).isEqualTo(3 + 9 + 4);
    }
    try (TaskGraphService s = TaskGraphService.open(store())) {
      assertThat(s.graph("r").size()).isEqualTo(5);
      assertThat(s.state("r", id("a")).result().get("v").asInt()).isEqualTo(1);
    }
  }

  @Test
  void invalidPatchesAreRefusedAtomically() throws Exception {
    try (TaskGraphService s = TaskGraphService.open(store())) {
      s.createRun("r", DIAMOND);
      s.succeed(s.start("r", id("a")), JSON.nullNode(), Duration.ofMillis(3));
      JsonNode before = s.document("r");
      // second op closes a cycle: nothing of the first op may stick
      assertThatThrownBy(() -> s.applyPatch("r", JSON.readTree("""
          [{"op":"replace","path":"/tasks/c/estimateMs","value":7},
           {"op":"add","path":"/tasks/b/deps/-","value":"d"}]""")))
          .isInstanceOfSatisfying(TaskGraphException.class, e -> {
            assertThat(e.kind()).isEqualTo(TaskGraphException.Kind.CYCLE);
            assertThat(e.getMessage()).contains("b").contains("d");
          });
      assertThatThrownBy(() -> s.applyPatch("r", JSON.readTree("""
          [{"op":"replace","path":"/tasks/a/estimateMs","value":1}]""")))
          .isInstanceOfSatisfying(TaskGraphException.class,
              e -> assertThat(e.kind()).isEqualTo(TaskGraphException.Kind.FINISHED_TASK));
      assertThatThrownBy(() -> s.applyPatch("r", JSON.readTree("""
          [{"op":"add","path":"/tasks/b/colour","value":"red"}]""")))
          .isInstanceOfSatisfying(TaskGraphException.class,
              e -> assertThat(e.kind()).isEqualTo(TaskGraphException.Kind.INVALID_SPEC));
      assertThatThrownBy(() -> s.applyPatch("r", JSON.readTree("""
          [{"op":"remove","path":"/tasks/zzz"}]""")))
          .isInstanceOf(JsonPatchException.class);
      assertThatThrownBy(() -> s.applyPatch("r", JSON.readTree("""
          [{"op":"add","path":"/tasks/b/deps/-","value":"ghost"}]""")))
          .isInstanceOfSatisfying(TaskGraphException.class,
              e -> assertThat(e.kind()).isEqualTo(TaskGraphException.Kind.MISSING_DEPENDENCY));
      assertThat(s.document("r")).isEqualTo(before);
    }
  }
}
