package io.nootropic.cli.graph;

import io.nootropic.cli.common.CliFiles;
import io.nootropic.cli.common.CliOutput;
import io.nootropic.cli.common.CliContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import io.nootropic.runtime.event.EventBus;
import io.nootropic.runtime.event.OverflowPolicy;
import io.nootropic.runtime.event.SubscriberOptions;
import io.nootropic.runtime.executor.CapabilityResolver;
import io.nootropic.runtime.executor.ExecutorConfig;
import io.nootropic.runtime.executor.RunResult;
import io.nootropic.runtime.executor.TaskExecutor;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.JournalConfig;
import io.nootropic.runtime.journal.SyncPolicy;
import io.nootropic.runtime.task.JsonPatch;
import io.nootropic.runtime.task.PatchResult;
import io.nootropic.runtime.task.TaskEvent;
import io.nootropic.runtime.task.TaskGraph;
import io.nootropic.runtime.task.TaskGraphException;
import io.nootropic.runtime.task.TaskGraphService;
import io.nootropic.runtime.task.TaskSpecs;
import io.nootropic.runtime.task.TaskState;
import io.nootropic.runtime.task.TaskTiming;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic graph`: task DAGs from JSON or YAML files: critical path and slack, JSON Patch
/// re-planning, and durable runs (`run`/`resume`) journaled in a directory. Tasks name
/// capabilities from the registry (the built-in `demo.sleep` sleeps or fails on demand).
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = "Task graphs: critical path, patches, durable runs and benchmarks.",
    subcommands = {
      GraphCommand.PathCommand.class,
      GraphCommand.PatchCommand.class,
      GraphCommand.RunCommand.class,
      GraphCommand.ResumeCommand.class,
      GraphBenchCommand.class,
    })
public final class GraphCommand implements Runnable {

  @CommandLine.ParentCommand CliContext root;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /// Creates the command; picocli fills in the fields.
  public GraphCommand() {}

  /// Without a subcommand, prints the usage.
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final ObjectMapper JSON = new ObjectMapper();

  /// Reads a graph file (YAML when named `.yaml`/`.yml`, else JSON) as a tree.
  static JsonNode read(Path file) throws IOException {
    CliFiles.requireFile(file, "graph file");
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper m = name.endsWith(".yaml") || name.endsWith(".yml") ? new YAMLMapper() : JSON;
    try {
      return m.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      // Jackson embeds "[Source: REDACTED ...; line: 1, column: 11]" in some messages: keep only its line/column
      String msg = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
      throw new IOException("cannot parse " + file + where + ": " + msg, e);
    }
  }

  static TaskGraph load(Path file) throws IOException {
    return TaskGraph.of(TaskSpecs.fromJson(read(file)));
  }

  static FileTaskStore openStore(Path dir, SyncPolicy sync) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new TaskGraphException(TaskGraphException.Kind.INVALID_SPEC, List.of(),
          "--journal must be a directory, but " + dir + " is a file");
    }
    return FileTaskStore.open(dir, JournalConfig.custom().syncPolicy(sync).build());
  }

  static ObjectNode scheduleJson(TaskGraph g) {
    ObjectNode out = JSON.createObjectNode();
    out.put("durationMs", g.duration());
    ArrayNode cp = out.putArray("criticalPath");
    g.criticalPath().forEach(id -> cp.add(id.value()));
    ArrayNode tasks = out.putArray("tasks");
    for (TaskTiming t : g.timings()) {
      TaskState s = g.state(t.id());
      tasks.addObject().put("id", t.id().value()).put("capability", s.spec().capability())
          .put("status", s.status().name().toLowerCase(Locale.ROOT)).put("durationMs", t.duration())
          .put("es", t.es()).put("ef", t.ef()).put("ls", t.ls()).put("lf", t.lf()).put("slack", t.slack())
          .put("critical", t.critical());
    }
    return out;
  }

  static void printSchedule(TaskGraph g, PrintWriter out) {
    out.println("critical path (" + g.duration() + " ms): "
        + String.join(" -> ", g.criticalPath().stream().map(TaskId::value).toList()));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TASK", "STATUS", "MS", "ES", "EF", "LS", "LF", "SLACK", ""});
    for (TaskTiming t : g.timings()) {
      rows.add(new String[] {t.id().value(), g.state(t.id()).status().name().toLowerCase(Locale.ROOT),
          Long.toString(t.duration()), Long.toString(t.es()), Long.toString(t.ef()), Long.toString(t.ls()),
          Long.toString(t.lf()), Long.toString(t.slack()), t.critical() ? "critical" : ""});
    }
    out.print(CliOutput.table(rows));
    out.flush();
  }

  /// `nootropic graph path FILE`: the critical path and every task's slack.
  @Command(name = "path", mixinStandardHelpOptions = true,
      description = "Prints the critical path, earliest/latest start and finish and slack of every task (ms).")
  public static final class PathCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Graph file, JSON or YAML.")
    Path file;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    /// Creates the command.
    public PathCommand() {}

    @Override
    public Integer call() throws IOException {
      TaskGraph g = load(file);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.print(CliOutput.json(scheduleJson(g)));
        out.flush();
      } else {
        printSchedule(g, out);
      }
      return 0;
    }
  }

  /// `nootropic graph patch`: applies an RFC 6902 JSON Patch to a graph file or a journaled run.
  @Command(name = "patch", mixinStandardHelpOptions = true,
      description = {"Applies a JSON Patch (RFC 6902) to a graph file, printing the patched graph, or with",
          "--journal to a journaled run (all or nothing; finished tasks cannot change)."})
  public static final class PatchCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATCH", description = "Patch file (JSON array of operations, or YAML).")
    Path patchFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "Graph file to patch (without --journal).")
    Path file;

    @Option(names = "--journal", paramLabel = "DIR", description = "Patch the run journaled in DIR instead.")
    Path journal;

    @Option(names = "--run", paramLabel = "ID", description = "Run id in the journal (default: the only run).")
    String run;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the patched graph here instead of stdout.")
    Path outFile;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    /// Creates the command.
    public PatchCommand() {}

    @Override
    public Integer call() throws IOException {
      JsonNode patch = read(patchFile);
      PrintWriter out = spec.commandLine().getOut();
      if (journal != null) {
        requireJournal(journal);
        try (TaskGraphService s = TaskGraphService.open(openStore(journal, SyncPolicy.EVERY_RECORD))) {
          String id = pickRun(s, run, journal);
          PatchResult r = s.applyPatch(id, patch);
          if (json) {
            ObjectNode o = JSON.createObjectNode().put("run", id);
            o.set("added", ids(r.added()));
            o.set("changed", ids(r.changed()));
            o.set("removed", ids(r.removed()));
            o.set("impacted", ids(r.impacted()));
            o.set("schedule", scheduleJson(s.graph(id)));
            out.print(CliOutput.json(o));
          } else {
            out.println("patched run " + id + ": added " + r.added() + ", changed " + r.changed() + ", removed "
                + r.removed() + "; re-scheduled " + r.impacted());
            printSchedule(s.graph(id), out);
          }
          out.flush();
          return 0;
        }
      }
      if (file == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a graph FILE or --journal DIR");
      }
      JsonNode patched = JsonPatch.apply(TaskSpecs.canonical(read(file)), patch);
      TaskGraph g = TaskGraph.of(TaskSpecs.fromJson(patched)); // validates
      if (outFile != null) {
        Files.writeString(outFile, CliOutput.json(patched));
        spec.commandLine().getErr().println("wrote " + g.size() + " tasks to " + outFile + "; critical path now "
            + g.duration() + " ms");
        spec.commandLine().getErr().flush();
      } else {
        out.print(CliOutput.json(patched));
        out.flush();
      }
      return 0;
    }
  }

  /// `nootropic graph run FILE --journal DIR`: runs a graph durably.
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Runs a graph, journaling every step in DIR; after a crash, 'nootropic graph resume'",
          "continues it without re-running finished tasks."})
  public static final class RunCommand implements Callable<Integer> {
    @CommandLine.ParentCommand GraphCommand parent;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Graph file, JSON or YAML.")
    Path file;

    @CommandLine.Mixin RunOptions options;

    /// Creates the command.
    public RunCommand() {}

    @Override
    public Integer call() throws Exception {
      TaskGraph g = load(file);
      String id = options.run != null ? options.run : "main";
      try (TaskGraphService s = options.open()) {
        if (s.hasRun(id)) {
          throw new TaskGraphException(TaskGraphException.Kind.DUPLICATE_ID, List.of(),
              "run '" + id + "' already exists in " + options.journal + "; use 'nootropic graph resume --journal "
                  + options.journal + "'");
        }
        s.createRun(id, g.specs());
        return options.execute(parent.root, s, id, spec);
      }
    }
  }

  /// `nootropic graph resume --journal DIR`: continues a journaled run.
  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Continues a journaled run: finished tasks are kept, interrupted ones retried per their policy.")
  public static final class ResumeCommand implements Callable<Integer> {
    @CommandLine.ParentCommand GraphCommand parent;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin RunOptions options;

    /// Creates the command.
    public ResumeCommand() {}

    @Override
    public Integer call() throws Exception {
      requireJournal(options.journal);
      try (TaskGraphService s = options.open()) {
        String id = pickRun(s, options.run, options.journal);
        for (String line : s.resumeLog()) {
          spec.commandLine().getErr().println("resume: " + line);
        }
        return options.execute(parent.root, s, id, spec);
      }
    }
  }

  /// Options shared by `run` and `resume`.
  public static final class RunOptions {
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "Journal directory.")
    Path journal;

    @Option(names = "--run", paramLabel = "ID", description = "Run id (default: 'main' for run, the only run for resume).")
    String run;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "4", description = "Tasks at once (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--sync", paramLabel = "POLICY", defaultValue = "every_record",
        description = "fsync policy: every_record, group or none (default ${DEFAULT-VALUE}).")
    String sync;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    /// Creates the options.
    public RunOptions() {}

    private final EventBus bus = EventBus.create("graph-cli");

    TaskGraphService open() {
      if (parallelism < 1) {
        throw new TaskGraphException(TaskGraphException.Kind.INVALID_SPEC, List.of(),
            "--parallelism must be at least 1, was " + parallelism);
      }
      SyncPolicy p;
      try {
        p = SyncPolicy.valueOf(sync.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TaskGraphException(TaskGraphException.Kind.INVALID_SPEC, List.of(),
            "unknown --sync '" + sync + "'; use every_record, group or none");
      }
      return TaskGraphService.open(openStore(journal, p), TaskGraphService.Options.defaults().withEvents(bus));
    }

    int execute(CliContext root, TaskGraphService s, String id, CommandLine.Model.CommandSpec spec)
        throws InterruptedException {
      PrintWriter err = spec.commandLine().getErr();
      int total = s.graph(id).size();
      AtomicInteger done = new AtomicInteger((int) s.graph(id).states().stream()
          .filter(t -> t.status().isTerminal()).count());
      RunResult r;
      try {
        bus.subscribe("task.**", TaskEvent.class, e -> {
          if (e.status().isTerminal()) {
            done.incrementAndGet();
          }
          if (!e.topic().equals("task.ready")) {
            err.println("[" + done.get() + "/" + total + "] " + e.taskId() + " " + e.topic().substring(5)
                + " (attempt " + e.attempt() + ")" + (e.detail().isEmpty() ? "" : ": " + e.detail()));
            err.flush();
          }
        }, SubscriberOptions.of(1024, OverflowPolicy.DROP_OLDEST));
        bus.subscribe("task.drift", io.nootropic.runtime.task.DriftEvent.class, e -> {
          err.println("drift: critical task " + e.taskId() + " has run " + e.elapsed().toMillis() + " ms, estimate "
              + e.estimate().toMillis() + " ms");
          err.flush();
        }, SubscriberOptions.DEFAULT);
        r = new TaskExecutor(s, CapabilityResolver.of(root.registry()),
            ExecutorConfig.ofDefaults().withParallelism(parallelism).withEvents(bus)).run(id);
      } finally {
        bus.close();
      }
      print(r, spec.commandLine().getOut());
      return r.succeeded() ? 0 : 3;
    }

    private void print(RunResult r, PrintWriter out) {
      if (json) {
        ObjectNode o = JSON.createObjectNode().put("run", r.runId()).put("succeeded", r.succeeded());
        ObjectNode tasks = o.putObject("tasks");
        r.statuses().forEach((id, st) -> {
          ObjectNode t = tasks.putObject(id.value()).put("status", st.name().toLowerCase(Locale.ROOT));
          if (r.results().containsKey(id)) {
            t.set("result", r.results().get(id));
          }
          if (r.errors().containsKey(id)) {
            t.put("error", r.errors().get(id));
          }
        });
        out.print(CliOutput.json(o));
      } else {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TASK", "STATUS", "RESULT / ERROR"});
        r.statuses().forEach((id, st) -> rows.add(new String[] {id.value(), st.name().toLowerCase(Locale.ROOT),
            st == TaskStatus.SUCCEEDED ? String.valueOf(r.results().get(id)) : r.errors().getOrDefault(id, "")}));
        out.print(CliOutput.table(rows));
        out.println("run " + r.runId() + (r.succeeded() ? " succeeded" : " did not succeed"));
      }
      out.flush();
    }
  }

  /// Refuses a journal directory that does not exist (instead of creating an empty one).
  static void requireJournal(Path journal) throws IOException {
    if (!Files.isDirectory(journal)) {
      throw new IOException("no journal directory " + journal + "; start a run with 'nootropic graph run FILE --journal "
          + journal + "'");
    }
  }

  static String pickRun(TaskGraphService s, String run, Path journal) {
    if (run != null) {
      if (!s.hasRun(run)) {
        throw new TaskGraphException(TaskGraphException.Kind.UNKNOWN_TASK, List.of(),
            "no run '" + run + "' in " + journal + "; runs: " + s.runIds());
      }
      return run;
    }
    List<String> ids = s.runIds();
    if (ids.size() != 1) {
      throw new TaskGraphException(TaskGraphException.Kind.UNKNOWN_TASK, List.of(),
          (ids.isEmpty() ? "no run in " + journal : "several runs in " + journal + ": " + ids) + "; use --run ID");
    }
    return ids.getFirst();
  }

  static ArrayNode ids(List<TaskId> ids) {
    ArrayNode a = JSON.createArrayNode();
    ids.forEach(i -> a.add(i.value()));
    return a;
  }
}
