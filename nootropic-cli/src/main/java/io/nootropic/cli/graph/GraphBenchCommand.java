package io.nootropic.cli.graph;

import io.nootropic.cli.common.Progress;
import io.nootropic.cli.common.CliOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.runtime.tooling.GraphBenchmarks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/// `nootropic graph bench`: the task-graph runtime's measurements ([GraphBenchmarks]), each with
/// its baseline measured in the same run, as a table or JSON.
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
        out.set("criticalPath", GraphBenchmarks.criticalPath(maxTasks, this::progress));
      }
      if (selected("executor")) {
        out.set("executor", GraphBenchmarks.executor(base.resolve("exec"), this::progress));
      }
      if (selected("journal")) {
        out.set("journal", GraphBenchmarks.journal(base.resolve("journal"), this::progress));
      }
      if (selected("bus")) {
        out.set("bus", GraphBenchmarks.bus(this::progress));
      }
      if (selected("recovery")) {
        out.set("recovery", GraphBenchmarks.recovery(base.resolve("recovery"), this::progress));
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
