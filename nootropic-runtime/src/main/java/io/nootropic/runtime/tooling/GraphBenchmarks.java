package io.nootropic.runtime.tooling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.event.Event;
import io.nootropic.api.task.TaskEstimate;
import io.nootropic.api.task.TaskId;
import io.nootropic.runtime.event.EventBus;
import io.nootropic.runtime.event.SubscriberOptions;
import io.nootropic.runtime.executor.CapabilityResolver;
import io.nootropic.runtime.executor.ExecutorConfig;
import io.nootropic.runtime.executor.RunResult;
import io.nootropic.runtime.executor.TaskCapability;
import io.nootropic.runtime.executor.TaskContext;
import io.nootropic.runtime.executor.TaskExecutor;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.JournalConfig;
import io.nootropic.runtime.journal.SyncPolicy;
import io.nootropic.runtime.task.RetrySpec;
import io.nootropic.runtime.task.TaskGraph;
import io.nootropic.runtime.task.TaskGraphService;
import io.nootropic.runtime.task.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/// Short measurements of the task-graph runtime, each with its baseline measured in the same run
/// (`nootropic graph bench`): critical path on random DAGs (full build against one incremental
/// update), executor overhead per no-op task (against calling the capability directly), journal
/// appends per second (fsync per record against group commit against no fsync), event-bus
/// throughput (1 against 8 subscribers) and recovery of a 10,000-record journal.
///
/// Tooling for the CLI, exported to it only.
public final class GraphBenchmarks {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private GraphBenchmarks() {}

  // ---------------------------------------------------------------- critical path

  /// A random deep and wide DAG of `n` tasks (about 1.5 dependencies per task).
  public static List<TaskSpec> randomDag(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    TaskEstimate[] estimates = new TaskEstimate[100];
    for (int i = 0; i < estimates.length; i++) {
      estimates[i] = TaskEstimate.of(Duration.ofMillis(1 + i * 7L));
    }
    TaskId[] ids = new TaskId[n];
    List<TaskSpec> specs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids[i] = TaskId.of("t" + i);
      int k = i == 0 ? 0 : r.nextInt(Math.min(i, 3) + 1);
      List<TaskId> deps = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        // mostly local dependencies, sometimes far back: a deep, wide DAG
        int d = r.nextInt(4) == 0 ? r.nextInt(i) : Math.max(0, i - 1 - r.nextInt(Math.min(i, 64)));
        deps.add(ids[d]);
      }
      specs.add(new TaskSpec(ids[i], "noop", null, estimates[r.nextInt(estimates.length)], deps, RetrySpec.NONE, null, null));
    }
    return specs;
  }

  /// Critical path on random DAGs of 10,000 tasks up to `maxTasks` (times 10 each step): a full
  /// build against one incremental estimate update.
  public static ArrayNode criticalPath(int maxTasks, Consumer<String> progress) {
    ArrayNode results = JSON.arrayNode();
    for (int n = 10_000; n <= maxTasks; n *= 10) {
      progress.accept("critical path on a random DAG of " + n + " tasks");
      List<TaskSpec> specs = randomDag(n, 42 + n);
      TaskGraph.of(randomDag(Math.min(n, 10_000), 7)); // warm-up
      int builds = n >= 1_000_000 ? 1 : n >= 100_000 ? 3 : 20;
      long best = Long.MAX_VALUE;
      TaskGraph g = null;
      for (int i = 0; i < builds; i++) {
        long t0 = System.nanoTime();
        g = TaskGraph.of(specs);
        best = Math.min(best, System.nanoTime() - t0);
      }
      SplittableRandom r = new SplittableRandom(n);
      int updates = 2_000;
      long t0 = System.nanoTime();
      for (int i = 0; i < updates; i++) {
        g.setEstimate(TaskId.of("t" + r.nextInt(n)), TaskEstimate.of(Duration.ofMillis(1 + r.nextInt(700))));
      }
      long incr = (System.nanoTime() - t0) / updates;
      results.addObject().put("tasks", n).put("edges", specs.stream().mapToLong(s -> s.deps().size()).sum())
          .put("fullBuildMs", best / 1e6).put("incrementalUpdateUs", incr / 1e3)
          .put("fullOverIncremental", (double) best / Math.max(1, incr))
          .put("criticalPathLength", g.criticalPath().size()).put("durationMs", g.duration());
    }
    return results;
  }

  // ---------------------------------------------------------------- executor

  /// Executor overhead per no-op task (journal without fsync and with group commit) against calling
  /// the capability on a bare virtual thread; journals go under `d`.
  public static ObjectNode executor(Path d, Consumer<String> progress) throws Exception {
    ObjectNode out = JSON.objectNode();
    int n = 5_000;
    progress.accept("executor overhead: " + n + " no-op tasks (after a warm-up run)");
    TaskCapability noop = ctx -> ctx.inputs();
    // baseline: the same calls, each on its own virtual thread, no graph, no journal
    long base = Long.MAX_VALUE;
    for (int rep = 0; rep < 3; rep++) {
      long t0 = System.nanoTime();
      List<Thread> ts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        TaskContext c = new TaskContext("b", TaskId.of("t" + i), 1, "b/t" + i, JSON.nullNode(), Map.of(), null);
        ts.add(Thread.ofVirtual().start(() -> {
          try {
            noop.execute(c);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      for (Thread t : ts) {
        t.join();
      }
      base = Math.min(base, System.nanoTime() - t0);
    }
    for (SyncPolicy p : List.of(SyncPolicy.NONE, SyncPolicy.NONE, SyncPolicy.GROUP)) {
      long best = Long.MAX_VALUE;
      for (int rep = 0; rep < (p == SyncPolicy.NONE ? 2 : 1); rep++) {
        Path jd = Files.createTempDirectory(Files.createDirectories(d), p.name());
        List<TaskSpec> specs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          specs.add(new TaskSpec(TaskId.of("t" + i), "noop", null, TaskEstimate.ZERO, List.of(), RetrySpec.NONE, null, null));
        }
        try (TaskGraphService s = TaskGraphService.open(FileTaskStore.open(jd,
            JournalConfig.custom().syncPolicy(p).build()), TaskGraphService.Options.defaults().withSnapshotEvery(0))) {
          s.createRun("bench", specs);
          long t0 = System.nanoTime();
          RunResult r = new TaskExecutor(s, CapabilityResolver.of(Map.of("noop", noop)),
              ExecutorConfig.ofDefaults().withParallelism(8)).run("bench");
          best = Math.min(best, System.nanoTime() - t0);
          if (!r.succeeded()) {
            throw new IllegalStateException("benchmark run failed: " + r.errors());
          }
        }
      }
      out.put("perTaskUs_" + p.name().toLowerCase(java.util.Locale.ROOT), best / 1e3 / n);
    }
    out.put("tasks", n).put("parallelism", 8).put("baselinePerTaskUs", base / 1e3 / n);
    return out;
  }

  // ---------------------------------------------------------------- journal

  /// Journal appends per second: fsync per record (1 and 16 writers), group commit (16 writers), no
  /// fsync; journals go under `d`.
  public static ObjectNode journal(Path d, Consumer<String> progress) throws Exception {
    ObjectNode out = JSON.objectNode();
    JsonNode payload = JSON.objectNode().put("task", "t42").put("attempt", 1).put("actualMs", 17);
    progress.accept("journal appends: fsync per record");
    double every = appendRate(d.resolve("every"), SyncPolicy.EVERY_RECORD, 1, 2.0, payload);
    progress.accept("journal appends: group commit, 16 writers");
    double group = appendRate(d.resolve("group"), SyncPolicy.GROUP, 16, 2.0, payload);
    progress.accept("journal appends: fsync per record, 16 writers");
    double every16 = appendRate(d.resolve("every16"), SyncPolicy.EVERY_RECORD, 16, 2.0, payload);
    progress.accept("journal appends: no fsync");
    double none = appendRate(d.resolve("none"), SyncPolicy.NONE, 1, 1.0, payload);
    out.put("everyRecordPerSec", every).put("everyRecord16WritersPerSec", every16).put("group16WritersPerSec", group)
        .put("noFsyncPerSec", none).put("groupOverEveryRecord", group / every);
    return out;
  }

  private static double appendRate(Path d, SyncPolicy p, int writers, double seconds, JsonNode payload) throws Exception {
    try (FileTaskStore s = FileTaskStore.open(d, JournalConfig.custom().syncPolicy(p).build())) {
      long end = System.nanoTime() + (long) (seconds * 1e9);
      AtomicLong count = new AtomicLong();
      List<Thread> ts = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int w = 0; w < writers; w++) {
        ts.add(Thread.ofVirtual().start(() -> {
          while (System.nanoTime() < end) {
            s.append("bench", "task.succeeded", payload);
            count.incrementAndGet();
          }
        }));
      }
      for (Thread t : ts) {
        t.join();
      }
      return count.get() / ((System.nanoTime() - t0) / 1e9);
    }
  }

  // ---------------------------------------------------------------- bus

  /// The benchmark's event.
  record Tick(String topic, Instant timestamp, long n) implements Event {}

  /// Event-bus throughput with 1 and 8 subscribers.
  public static ObjectNode bus(Consumer<String> progress) {
    ObjectNode out = JSON.objectNode();
    for (int subs : new int[] {1, 8}) {
      progress.accept("event bus: " + subs + " subscriber(s)");
      int n = 400_000;
      busRate(subs, 50_000); // warm-up
      double rate = busRate(subs, n);
      out.put("eventsPerSec_" + subs + "Subscribers", rate);
      out.put("deliveriesPerSec_" + subs + "Subscribers", rate * subs);
    }
    out.put("eightOverOneEvents", out.get("eventsPerSec_8Subscribers").asDouble() / out.get("eventsPerSec_1Subscribers").asDouble());
    return out;
  }

  private static double busRate(int subs, int n) {
    EventBus bus = EventBus.create("bench");
    AtomicLong seen = new AtomicLong();
    for (int i = 0; i < subs; i++) {
      bus.subscribe("bench.*", Tick.class, t -> seen.incrementAndGet(), SubscriberOptions.of(4096,
          io.nootropic.runtime.event.OverflowPolicy.BLOCK));
    }
    Instant now = Instant.now();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      bus.publish(new Tick("bench.tick", now, i));
    }
    bus.close(); // drains every subscriber
    long took = System.nanoTime() - t0;
    if (seen.get() != (long) n * subs) {
      throw new IllegalStateException("bus lost events: " + seen.get() + " of " + (long) n * subs);
    }
    return n / (took / 1e9);
  }

  // ---------------------------------------------------------------- recovery

  /// Recovery of a 10,000-record journal written under `d` (best of 5 opens).
  public static ObjectNode recovery(Path d, Consumer<String> progress) {
    ObjectNode out = JSON.objectNode();
    progress.accept("recovery of a 10,000-record journal");
    JsonNode payload = JSON.objectNode().put("task", "t42").put("attempt", 1).put("actualMs", 17);
    try (FileTaskStore s = FileTaskStore.open(d, JournalConfig.custom().syncPolicy(SyncPolicy.NONE).build())) {
      for (int i = 0; i < 10_000; i++) {
        s.append("bench", "task.succeeded", payload);
      }
    }
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      try (FileTaskStore s = FileTaskStore.open(d)) {
        if (s.recovery().records().size() != 10_000) {
          throw new IllegalStateException("recovered " + s.recovery().records().size() + " records");
        }
        best = Math.min(best, s.recovery().report().nanos());
      }
    }
    out.put("records", 10_000).put("recoveryMs", best / 1e6).put("recordsPerSec", 10_000 / (best / 1e9));
    return out;
  }
}
