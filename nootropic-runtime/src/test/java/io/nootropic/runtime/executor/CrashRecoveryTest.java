package io.nootropic.runtime.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nootropic.api.task.TaskId;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.JournalRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Runs [CrashWorkflow] in a child JVM, kills it with `destroyForcibly()` (SIGKILL) at random
/// moments, resumes it each time, and checks the end state against an uninterrupted run.
///
/// `-Dnootropic.crash.kills=N` sets the number of kills (10 by default; the `crash-soak` Maven
/// profile raises it); `-Dnootropic.crash.seed=S` replays a schedule.
class CrashRecoveryTest {

  private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryTest.class);

  @TempDir Path dir;

  private Process child(Path journal, Path effects, String... more) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), CrashWorkflow.class.getName(), journal.toString(), effects.toString()));
    cmd.addAll(List.of(more));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile())
        .start();
  }

  @Test
  void killedRunsResumeWithoutRepeatingSucceededTasks() throws Exception {
    int kills = Integer.getInteger("nootropic.crash.kills", 10);
    long seed = Long.getLong("nootropic.crash.seed", System.nanoTime());
    LOG.info("crash test: {} kills, seed {}", kills, seed);
    Random random = new Random(seed);
    Path journal = dir.resolve("journal");
    Path effects = dir.resolve("effects.txt");

    int killed = 0;
    int exits = 0;
    while (killed < kills) {
      Process p = child(journal, effects);
      long wait = 200 + random.nextInt(1200);
      if (p.waitFor(wait, TimeUnit.MILLISECONDS)) {
        assertThat(p.exitValue()).as("child exit (seed %d): %s", seed, Files.readString(dir.resolve("child.log")))
            .isZero();
        exits++;
        break; // finished before the kill
      }
      p.destroyForcibly();
      p.waitFor();
      killed++;
    }
    Process last = child(journal, effects);
    assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("final resume finishes").isTrue();
    assertThat(last.exitValue()).as("final resume (seed %d): %s", seed, Files.readString(dir.resolve("child.log")))
        .isZero();
    LOG.info("crash test: {} kills, {} early exits", killed, exits);
    assertThat(killed).as("kills that landed before the workflow ended").isGreaterThanOrEqualTo(Math.min(kills, 3));

    // the journal: every task completed exactly once; remember the successful attempt
    Map<String, Integer> successAttempt = new HashMap<>();
    Map<TaskId, JsonNode> results = new HashMap<>();
    try (FileTaskStore store = FileTaskStore.open(journal)) {
      for (JournalRecord r : store.recovery().records()) {
        if (r.type().equals("task.succeeded")) {
          String task = r.data().get("task").asText();
          assertThat(successAttempt).as("completion of %s recorded twice (seed %d)", task, seed).doesNotContainKey(task);
          successAttempt.put(task, r.data().get("attempt").asInt());
          results.put(TaskId.of(task), r.data().get("result"));
        }
      }
    }
    assertThat(successAttempt).hasSize(24);

    // the side effects: no task ran again after its success was journaled
    Map<String, List<Integer>> runs = new HashMap<>();
    for (String line : Files.readAllLines(effects)) {
      String[] f = line.split(" ");
      runs.computeIfAbsent(f[0].substring(f[0].indexOf('/') + 1), k -> new ArrayList<>()).add(Integer.parseInt(f[1]));
    }
    for (Map.Entry<String, Integer> e : successAttempt.entrySet()) {
      List<Integer> attempts = runs.get(e.getKey());
      assertThat(attempts).as("effects of %s", e.getKey()).isNotNull();
      assertThat(attempts).as("%s ran after its success (seed %d)", e.getKey(), seed).allMatch(a -> a <= e.getValue());
      assertThat(attempts.stream().filter(a -> a.equals(e.getValue()))).as("%s succeeding attempt", e.getKey()).hasSize(1);
      assertThat(attempts.size()).isLessThanOrEqualTo(killed + 1);
    }

    // the results equal those of an uninterrupted run
    Path refDir = dir.resolve("reference");
    RunResult reference = CrashWorkflow.run(refDir.resolve("journal"), refDir.resolve("effects.txt"), 0.05);
    assertThat(reference.succeeded()).isTrue();
    Map<TaskId, String> expected = new HashMap<>();
    reference.results().forEach((k, v) -> expected.put(k, v.toString()));
    Map<TaskId, String> actual = new HashMap<>();
    results.forEach((k, v) -> actual.put(k, v.toString()));
    assertThat(actual).isEqualTo(expected);
    assertThat(Files.readAllLines(refDir.resolve("effects.txt"))).hasSize(24);
  }

  /// The same workflow with a snapshot (and compaction) every 5 records and group commit, killed
  /// fewer times: the state folded from snapshot + tail must still never re-run a succeeded task.
  @Test
  void killedRunsResumeAcrossSnapshotsAndCompaction() throws Exception {
    int kills = Math.max(3, Integer.getInteger("nootropic.crash.kills", 10) / 2);
    long seed = Long.getLong("nootropic.crash.seed", System.nanoTime()) + 1;
    Random random = new Random(seed);
    Path journal = dir.resolve("journal");
    Path effects = dir.resolve("effects.txt");
    int killed = 0;
    while (killed < kills) {
      Process p = child(journal, effects, "5", "GROUP");
      if (p.waitFor(200 + random.nextInt(1200), TimeUnit.MILLISECONDS)) {
        assertThat(p.exitValue()).as("child exit (seed %d): %s", seed, Files.readString(dir.resolve("child.log")))
            .isZero();
        break;
      }
      p.destroyForcibly();
      p.waitFor();
      killed++;
    }
    Process last = child(journal, effects, "5", "GROUP");
    assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).as("final resume (seed %d): %s", seed, Files.readString(dir.resolve("child.log")))
        .isZero();
    assertThat(killed).isGreaterThanOrEqualTo(Math.min(kills, 2));

    Map<String, Integer> successAttempt = new HashMap<>();
    Map<TaskId, String> actual = new HashMap<>();
    try (FileTaskStore store = FileTaskStore.open(journal)) {
      assertThat(store.recovery().snapshot()).as("snapshots were written").isPresent();
      try (io.nootropic.runtime.task.TaskGraphService s = io.nootropic.runtime.task.TaskGraphService.open(store)) {
        io.nootropic.runtime.task.TaskGraph g = s.graph(CrashWorkflow.RUN);
        assertThat(g.isFinished()).isTrue();
        for (io.nootropic.runtime.task.TaskState st : g.states()) {
          assertThat(st.status()).isEqualTo(io.nootropic.api.task.TaskStatus.SUCCEEDED);
          successAttempt.put(st.id().value(), st.attempts());
          actual.put(st.id(), st.result().toString());
        }
      }
    }
    Map<String, List<Integer>> runs = new HashMap<>();
    for (String line : Files.readAllLines(effects)) {
      String[] f = line.split(" ");
      runs.computeIfAbsent(f[0].substring(f[0].indexOf('/') + 1), k -> new ArrayList<>()).add(Integer.parseInt(f[1]));
    }
    for (Map.Entry<String, Integer> e : successAttempt.entrySet()) {
      assertThat(runs.get(e.getKey())).as("%s ran after its success (seed %d)", e.getKey(), seed)
          .allMatch(a -> a <= e.getValue())
          .filteredOn(a -> a.equals(e.getValue())).hasSize(1);
    }
    Path refDir = dir.resolve("reference");
    RunResult reference = CrashWorkflow.run(refDir.resolve("journal"), refDir.resolve("effects.txt"), 0.05);
    Map<TaskId, String> expected = new HashMap<>();
    reference.results().forEach((k, v) -> expected.put(k, v.toString()));
    assertThat(actual).isEqualTo(expected);
  }
}
