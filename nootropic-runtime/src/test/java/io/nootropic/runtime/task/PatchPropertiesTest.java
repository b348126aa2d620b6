package io.nootropic.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.JournalConfig;
import io.nootropic.runtime.journal.SyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/// Random plans, partly executed, then a random JSON Patch: tasks outside the patched subtree keep
/// their state and result exactly; refused patches change nothing.
class PatchPropertiesTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 60)
  void untouchedTasksKeepStateAndResults(
      @ForAll long seed, @ForAll @IntRange(min = 2, max = 14) int n) throws IOException {
    Random r = new Random(seed);
    List<TaskSpec> specs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> deps = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        if (r.nextInt(100) < 30) {
          deps.add("t" + j);
        }
      }
      specs.add(TaskSpec.of("t" + i, "demo.sleep", null, Duration.ofMillis(r.nextInt(50)), deps.toArray(String[]::new)));
    }
    Path dir = Files.createTempDirectory("patch-prop");
    try (TaskGraphService s = TaskGraphService.open(
        FileTaskStore.open(dir, JournalConfig.custom().syncPolicy(SyncPolicy.NONE).build()))) {
      s.createRun("r", specs);
      // execute a random prefix: some succeed, some fail, one may stay running
      int steps = r.nextInt(n + 1);
      for (int k = 0; k < steps; k++) {
        List<TaskId> ready = s.ready("r");
        if (ready.isEmpty()) {
          break;
        }
        TaskId id = ready.get(r.nextInt(ready.size()));
        TaskAttempt a = s.start("r", id);
        int what = r.nextInt(10);
        if (what < 7) {
          s.succeed(a, JSON.createObjectNode().put("from", id.value()).put("seed", seed), Duration.ofMillis(r.nextInt(40)));
        } else if (what < 8) {
          s.attemptFailed(a, "boom", Duration.ZERO);
          s.fail("r", id, "boom");
        } else if (what < 9) {
          break; // leave it running
        } else {
          s.attemptFailed(a, "flaky", Duration.ofMillis(1));
        }
      }
      Map<TaskId, TaskState> before = new LinkedHashMap<>();
      for (TaskState st : s.graph("r").states()) {
        before.put(st.id(), st);
      }
      ObjectNode docBefore = s.document("r");

      // a random patch: a new task, an estimate change and a new edge
      ArrayNode patch = JSON.createArrayNode();
      Set<String> touched = new HashSet<>();
      String target = "t" + r.nextInt(n);
      patch.addObject().put("op", "replace").put("path", "/tasks/" + target + "/estimateMs").put("value", 1000 + r.nextInt(100));
      touched.add(target);
      ObjectNode added = JSON.createObjectNode().put("capability", "demo.sleep").put("estimateMs", r.nextInt(30));
      added.putArray("deps").add("t" + r.nextInt(n));
      patch.addObject().put("op", "add").put("path", "/tasks/new").set("value", added);
      touched.add("new");
      if (r.nextBoolean()) {
        String from = "t" + r.nextInt(n);
        patch.addObject().put("op", "add").put("path", "/tasks/" + from + "/deps/-").put("value", "new");
        touched.add(from);
      }

      PatchResult result;
      try {
        result = s.applyPatch("r", patch);
      } catch (TaskGraphException e) {
        // refused: nothing changed at all
        assertThat(s.document("r")).isEqualTo(docBefore);
        for (TaskState st : s.graph("r").states()) {
          assertThat(st).isEqualTo(before.get(st.id()));
        }
        assertThat(e.kind()).isIn(TaskGraphException.Kind.FINISHED_TASK, TaskGraphException.Kind.CYCLE);
        return;
      }
      // impacted, computed independently: touched tasks and everything downstream in the new document
      JsonNode doc = s.document("r").get("tasks");
      Set<String> impacted = new HashSet<>();
      ArrayDeque<String> queue = new ArrayDeque<>(touched);
      while (!queue.isEmpty()) {
        String id = queue.poll();
        if (impacted.add(id)) {
          for (Map.Entry<String, JsonNode> e : doc.properties()) {
            for (JsonNode d : e.getValue().get("deps")) {
              if (d.asText().equals(id)) {
                queue.add(e.getKey());
              }
            }
          }
        }
      }
      assertThat(result.impacted()).extracting(TaskId::value).containsExactlyInAnyOrderElementsOf(impacted);
      TaskGraph after = s.graph("r");
      for (TaskState st : after.states()) {
        if (!impacted.contains(st.id().value())) {
          assertThat(st).as("untouched %s", st.id()).isEqualTo(before.get(st.id()));
        } else {
          assertThat(st.status()).isIn(TaskStatus.PENDING, TaskStatus.READY);
          assertThat(st.result()).isNull();
        }
      }
    }
  }
}
