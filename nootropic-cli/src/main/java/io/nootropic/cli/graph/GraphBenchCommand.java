package io.nootropic.cli.graph;

import io.nootropic.cli.common.Progress;
import io.nootropic.cli.common.CliOutput;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/// `nootropic graph bench`: short measurements of the task-graph runtime, each with its baseline
/// measured in the same run: critical path on random DAGs (full build vs one incremental update),
/// executor overhead per no-op task (vs calling the capability directly), journal appends per
/// second (fsync per record vs group commit vs no fsync), event-bus throughput (1 vs 8
/// subscribers) and recovery of a 10,000-record journal.
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measures critical path, executor, journal and event bus throughput (a few seconds each).")
public final class GraphBenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(names = "--max-tasks", paramLabel = "N", defaultValue = "1000000",
      description = "Largest random DAG for the critical-path benchmark (default ${DEFAULT-VALUE}).")
  int maxTasks;

  @Option(names = "--only", split = ",", paramLabel = "NAME",
      description = "Run only these: cpm, executor, journal, bus, recovery (default: all).")
  java.util.Set<String> only;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where journals are written, in a fresh sub-directory deleted afterwards (default: the temp directory).")
  Path dir;

  /// Creates the command.
  public GraphBenchCommand() {}

  private Progress progress;

  private boolean selected(String name) {
    return only == null || only.isEmpty() || only.contains(name);
  }

  private void progress(String s) {
    progress.say("bench: " + s);
  }

  @Override
  public Integer call() throws Exception {
    progress = Progress.of(spec);
    Path base = dir != null ? Files.createTempDirectory(Files.createDirectories(dir), "bench")
        : Files.createTempDirectory("nootropic-bench");
    ObjectNode out = GraphCommand.JSON.createObjectNode();
    out.put("java", Runtime.version().toString()).put("cpus", Runtime.getRuntime().availableProcessors());
    try {
      if (selected("cpm")) {
        criticalPath(out.putArray("criticalPath"));
      }
      if (selected("executor")) {
        executor(out.putObject("executor"), base.resolve("exec"));
      }
      if (selected("journal")) {
        journal(out.putObject("journal"), base.resolve("journal"));
      }
      if (selected("bus")) {
        bus(out.putObject("bus"));
      }
      if (selected("recovery")) {
        recovery(out.putObject("recovery"), base.resolve("recovery"));
      }
    } finally {
      delete(base);
    }
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.print(CliOutput.json(out));
    } else {
      o.print(text(out));
    }
    o.flush();
    return 0;
  }

  // ---------------------------------------------------------------- critical path

  static List<TaskSpec> randomDag(int n, long seed) {
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

  private void criticalPath(com.fasterxml.jackson.databind.node.ArrayNode results) {
    for (int n = 10_000; n <= maxTasks; n *= 10) {
      progress("critical path on a random DAG of " + n + " tasks");
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
  }

  // ---------------------------------------------------------------- executor

  private void executor(ObjectNode out, Path d) throws Exception {
    int n = 5_000;
    progress("executor overhead: " + n + " no-op tasks (after a warm-up run)");
    TaskCapability noop = ctx -> ctx.inputs();
    // baseline: the same calls, each on its own virtual thread, no graph, no journal
    long base = Long.MAX_VALUE;
    for (int rep = 0; rep < 3; rep++) {
      long t0 = System.nanoTime();
      List<Thread> ts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        TaskContext c = new TaskContext("b", TaskId.of("t" + i), 1, "b/t" + i, GraphCommand.JSON.nullNode(), Map.of(), null);
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
  }

  // ---------------------------------------------------------------- journal

  private void journal(ObjectNode out, Path d) throws Exception {
    JsonNode payload = GraphCommand.JSON.createObjectNode().put("task", "t42").put("attempt", 1).put("actualMs", 17);
    progress("journal appends: fsync per record");
    double every = appendRate(d.resolve("every"), SyncPolicy.EVERY_RECORD, 1, 2.0, payload);
    progress("journal appends: group commit, 16 writers");
    double group = appendRate(d.resolve("group"), SyncPolicy.GROUP, 16, 2.0, payload);
    progress("journal appends: fsync per record, 16 writers");
    double every16 = appendRate(d.resolve("every16"), SyncPolicy.EVERY_RECORD, 16, 2.0, payload);
    progress("journal appends: no fsync");
    double none = appendRate(d.resolve("none"), SyncPolicy.NONE, 1, 1.0, payload);
    out.put("everyRecordPerSec", every).put("everyRecord16WritersPerSec", every16).put("group16WritersPerSec", group)
        .put("noFsyncPerSec", none).put("groupOverEveryRecord", group / every);
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

  record Tick(String topic, Instant timestamp, long n) implements Event {}

  private void bus(ObjectNode out) {
    for (int subs : new int[] {1, 8}) {
      progress("event bus: " + subs + " subscriber(s)");
      int n = 400_000;
      busRate(subs, 50_000); // warm-up
      double rate = busRate(subs, n);
      out.put("eventsPerSec_" + subs + "Subscribers", rate);
      out.put("deliveriesPerSec_" + subs + "Subscribers", rate * subs);
    }
    out.put("eightOverOneEvents", out.get("eventsPerSec_8Subscribers").asDouble() / out.get("eventsPerSec_1Subscribers").asDouble());
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

  private void recovery(ObjectNode out, Path d) {
    progress("recovery of a 10,000-record journal");
    JsonNode payload = GraphCommand.JSON.createObjectNode().put("task", "t42").put("attempt", 1).put("actualMs", 17);
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
  }

  // ---------------------------------------------------------------- output

  private static String text(ObjectNode o) {
    StringBuilder sb = new StringBuilder();
    if (o.has("criticalPath")) {
      sb.append("critical path (random DAGs, ~1.5 deps per task):\n");
    }
    for (JsonNode c : o.path("criticalPath")) {
      sb.append(String.format("  %,9d tasks  full build+CPM %9.1f ms   incremental update %8.1f us   ratio %,.0fx%n",
          c.get("tasks").asInt(), c.get("fullBuildMs").asDouble(), c.get("incrementalUpdateUs").asDouble(),
          c.get("fullOverIncremental").asDouble()));
    }
    JsonNode e = o.get("executor");
    if (e != null) sb.append(String.format("executor, %d no-op tasks, parallelism 8: %.1f us/task (journal without fsync), %.1f us/task"
        + " (group commit); baseline (bare virtual thread per call) %.1f us/task%n", e.get("tasks").asInt(),
        e.get("perTaskUs_none").asDouble(), e.get("perTaskUs_group").asDouble(), e.get("baselinePerTaskUs").asDouble()));
    JsonNode j = o.get("journal");
    if (j != null) sb.append(String.format("journal appends/s: fsync per record %,.0f (16 writers %,.0f), group commit 16 writers %,.0f"
        + " (%.1fx), no fsync %,.0f%n", j.get("everyRecordPerSec").asDouble(), j.get("everyRecord16WritersPerSec").asDouble(),
        j.get("group16WritersPerSec").asDouble(), j.get("groupOverEveryRecord").asDouble(), j.get("noFsyncPerSec").asDouble()));
    JsonNode b = o.get("bus");
    if (b != null) sb.append(String.format("event bus events/s: 1 subscriber %,.0f, 8 subscribers %,.0f (%,.0f deliveries/s)%n",
        b.get("eventsPerSec_1Subscribers").asDouble(), b.get("eventsPerSec_8Subscribers").asDouble(),
        b.get("deliveriesPerSec_8Subscribers").asDouble()));
    JsonNode r = o.get("recovery");
    if (r != null) sb.append(String.format("recovery of %,d records: %.1f ms (%,.0f records/s)%n", r.get("records").asInt(),
        r.get("recoveryMs").asDouble(), r.get("recordsPerSec").asDouble()));
    return sb.toString();
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}
