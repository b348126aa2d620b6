package io.nootropic.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.task.TaskId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGraphTest {

  static TaskSpec t(String id, long ms, String... deps) {
    return TaskSpec.of(id, "demo.sleep", null, Duration.ofMillis(ms), deps);
  }

  @Test
  void cycleIsRefusedWithItsPath() {
    assertThatThrownBy(() -> TaskGraph.of(List.of(t("a", 1, "c"), t("b", 1, "a"), t("c", 1, "b"), t("d", 1))))
        .isInstanceOfSatisfying(TaskGraphException.class, e -> {
          assertThat(e.kind()).isEqualTo(TaskGraphException.Kind.CYCLE);
          assertThat(e.tasks()).hasSize(4);
          assertThat(e.tasks().getFirst()).isEqualTo(e.tasks().getLast());
          assertThat(e.tasks()).containsAll(List.of(TaskId.of("a"), TaskId.of("b"), TaskId.of("c")));
          assertThat(e.getMessage()).contains("dependency cycle").contains(" -> ");
        });
  }

  @Test
  void missingDependencyIsRefusedNamingBothTasks() {
    assertThatThrownBy(() -> TaskGraph.of(List.of(t("a", 1, "ghost"))))
        .isInstanceOfSatisfying(TaskGraphException.class, e -> {
          assertThat(e.kind()).isEqualTo(TaskGraphException.Kind.MISSING_DEPENDENCY);
          assertThat(e.tasks()).containsExactly(TaskId.of("a"), TaskId.of("ghost"));
        });
  }

  @Test
  void duplicateIdIsRefused() {
    assertThatThrownBy(() -> TaskGraph.of(List.of(t("a", 1), t("b", 1), t("a", 2))))
        .isInstanceOfSatisfying(TaskGraphException.class, e -> {
          assertThat(e.kind()).isEqualTo(TaskGraphException.Kind.DUPLICATE_ID);
          assertThat(e.tasks()).containsExactly(TaskId.of("a"));
        });
  }

  @Test
  void textbookExampleHasTheExpectedCriticalPath() {
    // a(3) -> b(2) -> d(4); a -> c(1) -> d; the long way is a, b, d = 9
    TaskGraph g = TaskGraph.of(List.of(t("a", 3), t("b", 2, "a"), t("c", 1, "a"), t("d", 4, "b", "c")));
    assertThat(g.duration()).isEqualTo(9);
    assertThat(g.criticalPath()).extracting(TaskId::value).containsExactly("a", "b", "d");
    assertThat(g.slack(TaskId.of("c"))).isEqualTo(1);
    assertThat(g.ready()).extracting(TaskId::value).containsExactly("a");
  }

  @Test
  void readyTasksComeCriticalFirst() {
    TaskGraph g = TaskGraph.of(List.of(t("short", 1), t("long", 100), t("mid", 50), t("end", 1, "short", "long", "mid")));
    assertThat(g.ready()).extracting(TaskId::value).containsExactly("long", "mid", "short");
    assertThat(g.ready(1)).extracting(TaskId::value).containsExactly("long");
    g.setEstimate(TaskId.of("short"), io.nootropic.api.task.TaskEstimate.of(Duration.ofMillis(500)));
    assertThat(g.ready(1)).extracting(TaskId::value).containsExactly("short");
  }

  @Test
  void outOfRangeSpecsAreRefusedByName() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String bad : List.of(
        "{\"tasks\": {\"a\": {\"capability\": \"x\", \"estimateMs\": 9223372036854775807}}}",
        "{\"tasks\": {\"a\": {\"capability\": \"x\", \"estimateMs\": -1}}}",
        "{\"tasks\": {\"a\": {\"capability\": \"x\", \"estimateMs\": \"soon\"}}}",
        "{\"tasks\": {\"a\": {\"capability\": \"\"}}}",
        "{\"tasks\": {\"bad id!\": {\"capability\": \"x\"}}}",
        "{\"tasks\": {\"a\": {\"capability\": \"x\", \"retry\": {\"maxAttempts\": 0}}}}",
        "{\"tasks\": {\"a\": {\"capability\": \"x\", \"deps\": [\"a\"]}}}",
        "{\"tasks\": 7}",
        "[]")) {
      assertThatThrownBy(() -> TaskSpecs.fromJson(json.readTree(bad)))
          .as(bad)
          .isInstanceOfSatisfying(TaskGraphException.class,
              e -> assertThat(e.kind()).isEqualTo(TaskGraphException.Kind.INVALID_SPEC));
    }
  }
}
