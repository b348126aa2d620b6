package io.nootropic.runtime.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.JournalRecord;
import io.nootropic.runtime.task.TaskGraph;
import io.nootropic.runtime.task.TaskGraphService;
import io.nootropic.runtime.task.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Runs [CrashWorkflow] in a child JVM, kills it with `destroyForcibly()` (SIGKILL) at random
/// moments, resumes it each time, and checks the end state against an uninterrupted run. When a
/// workflow finishes before all kills were spent, a new one starts (a new round), so the number of
/// kills is exactly what was asked for.
///
/// `-Dnootropic.crash.kills=N` sets the number of kills (10 by default; the `crash-soak` Maven
/// profile raises it to 100); `-Dnootropic.crash.seed=S` replays a schedule.
class CrashRecoveryTest {

  private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryTest.class);

  @TempDir static Path shared;
  @TempDir Path dir;

  private static Map<TaskId, String> reference;

  @BeforeAll
  static void uninterruptedReference() throws Exception {
    RunResult r = CrashWorkflow.run(shared.resolve("journal"), shared.resolve("effects.txt"), 0.05);
    assertThat(r.succeeded()).isTrue();
    assertThat(Files.readAllLines(shared.resolve("effects.txt"))).hasSize(24);
    reference = new HashMap<>();
    r.results().forEach((k, v) -> reference.put(k, v.toString()));
  }

  private Process child(Path round, String... more) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), CrashWorkflow.class.getName(),
        round.resolve("journal").toString(), round.resolve("effects.txt").toString()));
    cmd.addAll(List.of(more));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(round.resolve("child.log").toFile())
        .start();
  }

  /// Kills children of one round until `budget` kills are spent or the workflow ends, then lets
  /// a last child finish it. Returns the kills spent.
  private int round(Path round, Random random, int budget, long seed, String... args) throws Exception {
    Files.createDirectories(round);
    int killed = 0;
    while (killed < budget) {
      Process p = child(round, args);
      if (p.waitFor(200 + random.nextInt(1200), TimeUnit.MILLISECONDS)) {
        assertThat(p.exitValue()).as("child exit (seed %d): %s", seed, Files.readString(round.resolve("child.log")))
            .isZero();
        return killed; // the workflow ended before this kill
      }
      p.destroyForcibly();
      p.waitFor();
      killed++;
    }
    Process last = child(round, args);
    assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("final resume finishes").isTrue();
    assertThat(last.exitValue()).as("final resume (seed %d): %s", seed, Files.readString(round.resolve("child.log")))
        .isZero();
    return killed;
  }

  /// Effects of a round per task: the attempt numbers that ran.
  private static Map<String, List<Integer>> effects(Path round) throws Exception {
    Map<String, List<Integer>> runs = new HashMap<>();
    for (String line : Files.readAllLines(round.resolve("effects.txt"))) {
      String[] f = line.split(" ");
      runs.computeIfAbsent(f[0].substring(f[0].indexOf('/') + 1), k -> new ArrayList<>()).add(Integer.parseInt(f[1]));
    }
    return runs;
  }

  private static void assertNoRerunAfterSuccess(Map<String, Integer> successAttempt, Path round, long seed)
      throws Exception {
    Map<String, List<Integer>> runs = effects(round);
    assertThat(successAttempt).hasSize(24);
    for (Map.Entry<String, Integer> e : successAttempt.entrySet()) {
      List<Integer> attempts = runs.get(e.getKey());
      assertThat(attempts).as("effects of %s", e.getKey()).isNotNull();
      assertThat(attempts).as("%s ran after its success (seed %d)", e.getKey(), seed).allMatch(a -> a <= e.getValue());
      assertThat(attempts.stream().filter(a -> a.equals(e.getValue()))).as("%s succeeding attempt", e.getKey()).hasSize(1);
    }
  }

  @Test
  void killedRunsResumeWithoutRepeatingSucceededTasks() throws Exception {
    int kills = Integer.getInteger("nootropic.crash.kills", 10);
    long seed = Long.getLong("nootropic.crash.seed", System.nanoTime());
    LOG.info("crash test: {} kills, seed {}", kills, seed);
    Random random = new Random(seed);
    int killed = 0;
    for (int r = 0; killed < kills; r++) {
      Path round = dir.resolve("round-" + r);
      int k = round(round, random, kills - killed, seed);
      killed += k;
      assertThat(r < 50 || k > 0).as("kills keep landing").isTrue();

      // the journal: every task completed exactly once; remember the successful attempt
      Map<String, Integer> successAttempt = new HashMap<>();
      Map<TaskId, String> results = new HashMap<>();
      try (FileTaskStore store = FileTaskStore.open(round.resolve("journal"))) {
        for (JournalRecord rec : store.recovery().records()) {
          if (rec.type().equals("task.succeeded")) {
            String task = rec.data().get("task").asText();
            assertThat(successAttempt).as("completion of %s recorded twice (seed %d)", task, seed).doesNotContainKey(task);
            successAttempt.put(task, rec.data().get("attempt").asInt());
            results.put(TaskId.of(task), rec.data().get("result").toString());
          }
        }
      }
      assertNoRerunAfterSuccess(successAttempt, round, seed);
      assertThat(results).as("results of round %d (seed %d)", r, seed).isEqualTo(reference);
    }
    assertThat(killed).isEqualTo(kills);
  }

  /// The same workflow with a snapshot (and compaction) every 5 records and group commit: the
  /// state folded from snapshot + tail must still never re-run a succeeded task.
  @Test
  void killedRunsResumeAcrossSnapshotsAndCompaction() throws Exception {
    int kills = Math.max(3, Integer.getInteger("nootropic.crash.kills", 10) / 2);
    long seed = Long.getLong("nootropic.crash.seed", System.nanoTime()) + 1;
    Random random = new Random(seed);
    int killed = 0;
    for (int r = 0; killed < kills; r++) {
      Path round = dir.resolve("snap-round-" + r);
      killed += round(round, random, kills - killed, seed, "5", "GROUP");
      Map<String, Integer> successAttempt = new HashMap<>();
      Map<TaskId, String> actual = new HashMap<>();
      try (FileTaskStore store = FileTaskStore.open(round.resolve("journal"))) {
        assertThat(store.recovery().snapshot()).as("snapshots were written").isPresent();
        try (TaskGraphService s = TaskGraphService.open(store)) {
          TaskGraph g = s.graph(CrashWorkflow.RUN);
          for (TaskState st : g.states()) {
            assertThat(st.status()).isEqualTo(TaskStatus.SUCCEEDED);
            successAttempt.put(st.id().value(), st.attempts());
            actual.put(st.id(), st.result().toString());
          }
        }
      }
      assertNoRerunAfterSuccess(successAttempt, round, seed);
      assertThat(actual).as("results of round %d (seed %d)", r, seed).isEqualTo(reference);
    }
    assertThat(killed).isEqualTo(kills);
  }
}
