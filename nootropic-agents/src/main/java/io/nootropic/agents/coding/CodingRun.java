package io.nootropic.agents.coding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.agents.checkpoint.Checkpoints;
import io.nootropic.agents.command.BuildTool;
import io.nootropic.agents.command.CommandPolicy;
import io.nootropic.agents.model.ModelTraffic;
import io.nootropic.agents.runtime.AgentRuntime;
import io.nootropic.agents.runtime.RunContext;
import io.nootropic.agents.workspace.Workspace;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.HumanInTheLoop;
import io.nootropic.api.memory.Episode;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import io.nootropic.runtime.executor.CapabilityResolver;
import io.nootropic.runtime.executor.ExecutorConfig;
import io.nootropic.runtime.executor.NonRetryableTaskException;
import io.nootropic.runtime.executor.RunResult;
import io.nootropic.runtime.executor.TaskCapability;
import io.nootropic.runtime.executor.TaskContext;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.reflexion.RepairPolicy;
import io.nootropic.runtime.task.TaskGraphService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/// The main job: reach a goal in a repository, durably. The [PlannerAgent]'s plan becomes a
/// journaled task graph (`baseline` → `context` → `fix` → `verify`) that the
/// [io.nootropic.runtime.executor.TaskExecutor] runs; the [SearchAgent] gathers code, the
/// [ReasoningAgent] edits, checks and repairs through the [CoderAgent] and [CriticAgent], the
/// [ExplainabilityAgent] records every step and the [MemoryAgent] stores the outcome.
///
/// Everything lives in `.nootropic/runs/RUN/` of the repository: `run.json` (the goal and
/// options), `journal/` (the task graph), `calls.jsonl` (every model reply, so a resumed run never
/// asks again what it already asked) and `explain.jsonl`. Kill the process at any point and
/// [#resume] finishes the run: finished tasks are not redone, and the task that was running
/// starts again from its checkpoint, answered from `calls.jsonl` as far as it had got.
///
/// Works with text-only models: the run gathers the context itself and the model replies with
/// edits in the chosen format.
public final class CodingRun {

  /// How to run.
  ///
  /// @param goal        the goal, in words
  /// @param editFormat  `whole`, `diff`, `udiff`, `patch`, or `null` for the model's default
  /// @param testCommand the argv that runs the tests, or `null` to detect the build
  /// @param maxSteps    the most chat requests the run may send
  /// @param testTimeout the longest one test run may take
  /// @param policy      how failures are repaired
  /// @param review      whether a model also reviews a change that passes the tests
  /// @param stream      whether model replies are streamed
  /// @param candidates  how many candidate patches [Deliberation] weighs before repairs (1: none)
  public record Options(String goal, String editFormat, List<String> testCommand, int maxSteps, Duration testTimeout,
                        RepairPolicy policy, boolean review, boolean stream, int candidates) {
    /// The default step bound: plan, edit and a few repairs.
    public static final int DEFAULT_MAX_STEPS = 8;

    /// Checks the fields.
    public Options {
      if (goal == null || goal.isBlank()) {
        throw new IllegalArgumentException("the goal is empty: say what the run should achieve");
      }
      if (maxSteps < 1) {
        throw new IllegalArgumentException("maxSteps must be at least 1, was " + maxSteps);
      }
      testCommand = testCommand == null ? null : List.copyOf(testCommand);
      testTimeout = testTimeout == null ? Duration.ofMinutes(10) : testTimeout;
      policy = policy == null ? ReasoningAgent.DEFAULT_POLICY : policy;
      if (candidates < 1 || candidates > 8) {
        throw new IllegalArgumentException("candidates must be 1 to 8, was " + candidates);
      }
      if (candidates > 1 && candidates >= maxSteps) {
        throw new IllegalArgumentException(candidates + " candidates need more than " + maxSteps
            + " steps (each candidate is a chat request; leave room for repairs): raise the step limit");
      }
    }

    /// The options of a run with `policy`.
    public Options(String goal, String editFormat, List<String> testCommand, int maxSteps, Duration testTimeout,
                   RepairPolicy policy, boolean review, boolean stream) {
      this(goal, editFormat, testCommand, maxSteps, testTimeout, policy, review, stream, 1);
    }

    /// Defaults for `goal`.
    public static Options of(String goal) {
      return new Options(goal, null, null, DEFAULT_MAX_STEPS, null, null, false, true, 1);
    }

    /// These options with another edit format.
    public Options withEditFormat(String format) {
      return new Options(goal, format, testCommand, maxSteps, testTimeout, policy, review, stream, candidates);
    }

    /// These options with another test command.
    public Options withTestCommand(List<String> argv) {
      return new Options(goal, editFormat, argv, maxSteps, testTimeout, policy, review, stream, candidates);
    }

    /// These options with another step bound.
    public Options withMaxSteps(int steps) {
      return new Options(goal, editFormat, testCommand, steps, testTimeout, policy, review, stream, candidates);
    }

    /// These options with `n` candidate patches weighed first.
    public Options withCandidates(int n) {
      return new Options(goal, editFormat, testCommand, maxSteps, testTimeout, policy, review, stream, n);
    }

    /// These options with streaming on or off.
    public Options withStream(boolean on) {
      return new Options(goal, editFormat, testCommand, maxSteps, testTimeout, policy, review, on, candidates);
    }
  }

  /// Receives the run's progress: one JSON object per event, with a `type` (`run.started`,
  /// `plan`, `plan.revised`, `step`, `tests`, `attempt`, `run.finished`).
  @FunctionalInterface
  public interface Listener {
    /// One event.
    void on(ObjectNode event);
  }

  /// How a run ended.
  ///
  /// @param runId        the run
  /// @param succeeded    whether the goal was reached (the tests pass)
  /// @param reason       why it failed, or a summary
  /// @param steps        chat requests sent (over all sessions of the run)
  /// @param inputTokens  prompt tokens
  /// @param outputTokens completion tokens
  /// @param costUsd      the models' cost
  /// @param changed      files changed by the run (empty when a failed run was rolled back)
  public record Report(String runId, boolean succeeded, String reason, int steps, long inputTokens, long outputTokens,
                       double costUsd, List<String> changed) {}

  /// A bad request: no test command, an unknown run, an unusable repository.
  public static final class RunException extends RuntimeException {
    /// With a message saying what is wrong.
    public RunException(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private CodingRun() {}

  /// The folder of run `runId` in `repo`.
  public static Path runDir(Path repo, String runId) {
    return repo.resolve(".nootropic").resolve("runs").resolve(runId);
  }

  /// Starts a new run.
  ///
  /// @throws RunException when the request cannot run (no test command found, a bad format)
  public static Report start(Path repo, ChatModel model, Options options, HumanInTheLoop human, Listener listener) {
    Objects.requireNonNull(model, "model");
    Workspace ws = Workspace.open(repo);
    List<String> test = options.testCommand();
    List<String> reports = List.of();
    Optional<BuildTool> build = BuildTool.detect(ws);
    if (test == null) {
      test = build.map(BuildTool::testCommand).orElseThrow(() -> new RunException("no build found in " + repo
          + " (Maven, Gradle, npm or pytest): pass the command that runs the tests with --test-cmd"));
    }
    String buildName = "";
    if (build.isPresent()) {
      reports = build.get().reportDirs();
      // targeted runs only when the tests are the build's own command
      buildName = options.testCommand() == null ? build.get().name() : "";
    }
    String format = options.editFormat() != null ? options.editFormat() : CoderAgent.defaultFormat(model.descriptor());
    try {
      io.nootropic.agents.edit.EditFormats.forName(format);
    } catch (IllegalArgumentException e) {
      throw new RunException(e.getMessage());
    }
    String runId = "run-" + ID_TIME.format(Instant.now()) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    Path dir = runDir(ws.root(), runId);
    ObjectNode meta = JSON.createObjectNode().put("runId", runId).put("goal", options.goal()).put("editFormat", format)
        .put("maxSteps", options.maxSteps()).put("testTimeoutSeconds", options.testTimeout().toSeconds())
        .put("review", options.review()).put("stream", options.stream()).put("candidates", options.candidates()).put("model", model.descriptor().provider() + "/" + model.descriptor().id())
        .put("status", "running").put("started", Instant.now().toString());
    meta.set("testCommand", JSON.valueToTree(test));
    meta.set("reportDirs", JSON.valueToTree(reports));
    meta.put("build", buildName);
    writeMeta(dir, meta);
    return execute(ws.root(), runId, meta, options.policy(), model, human, listener, false);
  }

  /// Finishes run `runId` after a crash or a stop: finished tasks are not redone.
  ///
  /// @throws RunException when there is no such run
  public static Report resume(Path repo, String runId, ChatModel model, RepairPolicy policy, HumanInTheLoop human,
                              Listener listener) {
    Workspace ws = Workspace.open(repo);
    ObjectNode meta = readMeta(ws.root(), runId);
    return execute(ws.root(), runId, meta, policy == null ? ReasoningAgent.DEFAULT_POLICY : policy, model, human, listener,
        true);
  }

  /// How many model calls run `runId` has logged (a replayed model skips that many on resume).
  public static int loggedCalls(Path repo, String runId) {
    Path file = runDir(repo, runId).resolve("calls.jsonl");
    try (CallLog log = CallLog.open(file, Integer.MAX_VALUE)) {
      return log.count();
    }
  }

  /// The run's `run.json`.
  ///
  /// @throws RunException when there is no such run
  public static ObjectNode readMeta(Path repo, String runId) {
    if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new RunException("'" + runId + "' is not a run id");
    }
    Path file = runDir(repo, runId).resolve("run.json");
    if (!Files.isRegularFile(file)) {
      throw new RunException("there is no run " + runId + " in " + repo + " (runs are in .nootropic/runs)");
    }
    ObjectNode meta;
    try {
      meta = (ObjectNode) JSON.readTree(file.toFile());
    } catch (IOException | ClassCastException e) {
      throw new RunException("the run file " + file + " is damaged: " + e.getMessage());
    }
    for (String field : List.of("goal", "editFormat")) {
      if (!meta.path(field).isTextual() || meta.path(field).asText().isBlank()) {
        throw new RunException("the run file " + file + " is damaged: '" + field + "' is missing");
      }
    }
    if (!meta.path("testCommand").isArray() || meta.path("testCommand").isEmpty()) {
      throw new RunException("the run file " + file + " is damaged: 'testCommand' is missing or empty");
    }
    if (!runId.equals(meta.path("runId").asText())) {
      throw new RunException("the run file " + file + " belongs to run '" + meta.path("runId").asText()
          + "', not " + runId + " (a copied run folder?)");
    }
    return meta;
  }

  private static Report execute(Path repo, String runId, ObjectNode meta, RepairPolicy policy, ChatModel model,
                                HumanInTheLoop human, Listener listener, boolean resumed) {
    String goal = meta.get("goal").asText();
    String format = meta.get("editFormat").asText();
    List<String> test = strings(meta.get("testCommand"));
    List<String> reports = strings(meta.get("reportDirs"));
    Duration testTimeout = Duration.ofSeconds(meta.path("testTimeoutSeconds").asLong(600));
    boolean review = meta.path("review").asBoolean(false);
    Path dir = runDir(repo, runId);
    Listener emit = listener == null ? e -> { } : listener;
    CallLog calls = CallLog.open(dir.resolve("calls.jsonl"), meta.path("maxSteps").asInt(Options.DEFAULT_MAX_STEPS));
    emit.on(event("run.started").put("runId", runId).put("goal", goal).put("editFormat", format)
        .put("model", model.descriptor().provider() + "/" + model.descriptor().id()).put("resumed", resumed)
        .put("testCommand", String.join(" ", test)));
    PlannerAgent.Plan templatePlan = PlannerAgent.plan(goal);
    try (AgentRuntime runtime = AgentRuntime.builder(repo).runId(runId).model(model)
            .interceptModel((agent, task, m) -> calls.forTask(task, m))
            .commands(CommandPolicy.custom().allow(programName(test.getFirst())).timeout(testTimeout)
                .approver(human, Duration.ofMinutes(5)).build())
            .human(human, Duration.ofMinutes(5)).build();
         TaskGraphService graphs = TaskGraphService.open(FileTaskStore.open(dir.resolve("journal")))) {
      PlannerAgent.Plan plan = templatePlan;
      if (!graphs.hasRun(runId)) {
        if (plan.kind().equals("change") && meta.path("draftPlans").asBoolean(true)) {
          RunContext rc = runtime.context("agent.planner", "plan");
          String map = String.join("\n", SearchAgent.sourceFiles(runtime.workspace()).stream().limit(200).toList());
          plan = PlannerAgent.draft(rc.model(), goal, map, plan);
        }
        graphs.createRun(runId, plan.tasks());
        meta.put("planKind", plan.kind());
        writeMeta(dir, meta);
        ObjectNode p = event("plan").put("kind", plan.kind()).put("rationale", plan.rationale());
        p.putPOJO("tasks", plan.tasks().stream().map(t -> t.id().value()).toList());
        emit.on(p);
        ExplainabilityAgent.record(dir, "plan", ExplainabilityAgent.fields().put("kind", plan.kind())
            .put("strategy", plan.strategy()).put("rationale", plan.rationale()).set("document", graphs.document(runId)));
      }
      CriticAgent.Check check = new CriticAgent.Check(test, reports, testTimeout, review ? goal : null, List.of());
      java.util.concurrent.atomic.AtomicReference<String> failure = new java.util.concurrent.atomic.AtomicReference<>();
      Map<String, TaskCapability> caps = new HashMap<>();
      PlannerAgent.Plan thePlan = plan;
      caps.put("coding.baseline", ctx -> {
        RunContext rc = runtime.context("agent.critic", ctx.taskId().value(), ctx.cancellation());
        emit.on(event("step").put("task", "baseline").put("message", "running the tests as they are: " + String.join(" ", test)));
        TestRun run = CriticAgent.runTests(rc, check);
        JsonNode result = JSON.valueToTree(run);
        emit.on(event("tests").put("task", "baseline").put("passed", run.passed()).put("failing", run.failingTests().size()));
        ExplainabilityAgent.record(dir, "tests", ExplainabilityAgent.fields().put("task", "baseline")
            .put("passed", run.passed()).put("exitCode", run.exitCode()).put("feedback", run.feedback())
            .set("failingTests", JSON.valueToTree(run.failingTests())));
        PlannerAgent.revise(thePlan, "baseline", result).ifPresent(patch -> {
          graphs.applyPatch(runId, patch);
          emit.on(event("plan.revised").put("after", "baseline").set("patch", patch));
          ExplainabilityAgent.record(dir, "plan.revised", ExplainabilityAgent.fields().put("after", "baseline")
              .set("patch", patch));
        });
        return result;
      });
      caps.put("coding.context", ctx -> {
        RunContext rc = runtime.context("agent.search", ctx.taskId().value(), ctx.cancellation());
        JsonNode baseline = ctx.dependencyResults().get(TaskId.of("baseline"));
        String evidence = String.join("\n", strings(ctx.inputs().get("focus"))) + "\n" + baseline.path("feedback").asText("");
        // local models count tokens differently from the approximate counter: leave them more room
        int budget = Math.max(256, model.descriptor().contextLength() / (model.descriptor().local() ? 4 : 2));
        emit.on(event("step").put("task", "context").put("message", "gathering code"));
        CodeContext context = new SearchAgent().execute(AgentRequest.of(new SearchAgent.Query(goal, evidence, budget)), rc)
            .output();
        ExplainabilityAgent.record(dir, "context", ExplainabilityAgent.fields().put("tokens", context.tokens())
            .set("contextIds", JSON.valueToTree(context.contextIds())));
        return JSON.valueToTree(context);
      });
      caps.put("coding.fix", ctx -> {
        String step = ctx.taskId().value();
        String stepGoal = ctx.inputs().path("goal").asText(goal);
        if (ctx.inputs().has("skip")) {
          emit.on(event("step").put("task", step).put("message", ctx.inputs().get("skip").asText()));
          return JSON.createObjectNode().put("passed", true).put("skipped", ctx.inputs().get("skip").asText());
        }
        RunContext rc = runtime.context("agent.reasoning", ctx.taskId().value(), ctx.cancellation());
        JsonNode baseline = ctx.dependencyResults().get(TaskId.of("baseline"));
        CodeContext context = JSON.treeToValue(ctx.dependencyResults().get(TaskId.of("context")), CodeContext.class);
        ReasoningAgent reasoning = new ReasoningAgent(policy, dir, msg -> emit.on(event("attempt").put("task", step)
            .put("message", msg)));
        // the tests that failed first, where the build can select them; verify runs the whole suite
        CriticAgent.Check fixCheck = check;
        String buildName = meta.path("build").asText("");
        if (!buildName.isEmpty() && !test.isEmpty()) {
          Optional<List<String>> narrowed = new BuildTool(buildName, test, reports).targeted(strings(baseline.get("failingTests")));
          if (narrowed.isPresent()) {
            fixCheck = new CriticAgent.Check(narrowed.get(), reports, testTimeout, null, List.of());
          }
        }
        int candidates = meta.path("candidates").asInt(1);
        if (candidates > 1) {
          ReasoningAgent.checkpointer(runtime.checkpoints(), step).save(); // the clean state repairs return to
          List<Deliberation.Candidate> sources = new ArrayList<>();
          for (int i = 0; i < candidates; i++) {
            sources.add(new Deliberation.Candidate(null, Math.min(1.2, 0.4 * i)));
          }
          emit.on(event("attempt").put("task", step).put("message", "weighing " + candidates + " candidate patches"));
          Deliberation.Choice choice = new Deliberation().execute(AgentRequest.of(new Deliberation.Request(stepGoal, context,
              baseline.path("passed").asBoolean() ? "" : baseline.path("feedback").asText(""), format,
              ctx.inputs().path("strategy").asText("mutator"), fixCheck, sources)), rc).output();
          ObjectNode d = ExplainabilityAgent.fields().put("task", step).put("chosen", choice.chosen())
              .put("passed", choice.passed()).put("why", choice.why());
          com.fasterxml.jackson.databind.node.ArrayNode tried = d.putArray("candidates");
          choice.tried().forEach(t -> tried.addObject().put("source", t.source()).put("applied", t.applied())
              .put("passed", t.passed()).put("weight", t.weight()));
          ExplainabilityAgent.record(dir, "deliberation", d);
          if (choice.passed()) {
            return JSON.createObjectNode().put("passed", true).put("deliberated", choice.why());
          }
        }
        ReasoningAgent.Outcome outcome = reasoning.execute(AgentRequest.of(new ReasoningAgent.Fix(step, stepGoal, context,
            baseline.path("passed").asBoolean() ? "" : baseline.path("feedback").asText(""), format,
            ctx.inputs().path("strategy").asText("mutator"), fixCheck, meta.path("stream").asBoolean(true))), rc).output();
        ExplainabilityAgent.record(dir, "repair", ExplainabilityAgent.fields().put("task", step)
            .put("passed", outcome.passed()).put("attempts", outcome.attempts()).put("reason", outcome.reason())
            .set("story", JSON.valueToTree(outcome.story())));
        if (!outcome.passed()) {
          failure.set(outcome.reason());
          throw new NonRetryableTaskException(outcome.reason());
        }
        return JSON.createObjectNode().put("passed", true).put("attempts", outcome.attempts());
      });
      caps.put("coding.verify", ctx -> {
        RunContext rc = runtime.context("agent.critic", ctx.taskId().value(), ctx.cancellation());
        emit.on(event("step").put("task", "verify").put("message", "running the whole test suite"));
        CriticAgent.Check full = new CriticAgent.Check(test, reports, testTimeout, review ? goal : null,
            List.copyOf(changed(runtime.checkpoints())));
        CriticAgent.Verdict verdict = new CriticAgent().execute(AgentRequest.of(full), rc).output();
        ExplainabilityAgent.record(dir, "tests", ExplainabilityAgent.fields().put("task", "verify")
            .put("passed", verdict.passed()).put("exitCode", verdict.tests().exitCode())
            .put("feedback", verdict.tests().feedback()).put("review", verdict.review()));
        if (!verdict.passed()) {
          failure.set("the change does not pass: " + (verdict.tests().passed()
              ? "the review rejected it: " + verdict.review() : "the " + verdict.tests().failedCheck() + " fail"));
          throw new NonRetryableTaskException("the change does not pass: " + (verdict.tests().passed()
              ? "the review rejected it: " + verdict.review() : verdict.tests().failedCheck() + " failed"));
        }
        return JSON.valueToTree(verdict.tests());
      });
      // a critical task running past its estimate re-estimates what is left (a JSON Patch re-plan)
      io.nootropic.api.event.EventSink drift = event -> {
        if (event instanceof io.nootropic.runtime.task.DriftEvent d && d.runId().equals(runId)) {
          PlannerAgent.reviseOnDrift(graphs.graph(runId), d).ifPresent(patch -> {
            try {
              graphs.applyPatch(runId, patch);
              emit.on(event("plan.revised").put("after", "drift of " + d.taskId().value()).set("patch", patch));
              ExplainabilityAgent.record(dir, "plan.revised", ExplainabilityAgent.fields()
                  .put("after", "drift of " + d.taskId().value()).put("elapsedMs", d.elapsed().toMillis())
                  .put("estimateMs", d.estimate().toMillis()).set("patch", patch));
            } catch (RuntimeException e) {
              // the task finished meanwhile: nothing left to re-estimate
            }
          });
        }
      };
      RunResult result = new io.nootropic.runtime.executor.TaskExecutor(graphs, CapabilityResolver.of(caps),
          ExecutorConfig.ofDefaults().withEvents(drift)).run(runId);
      boolean ok = result.statuses().get(TaskId.of("verify")) == TaskStatus.SUCCEEDED;
      JsonNode fixResult = result.results().get(TaskId.of("fix"));
      String reason = !ok ? (failure.get() != null ? failure.get() : firstError(result))
          : fixResult != null && fixResult.has("skipped") ? fixResult.get("skipped").asText()
          : "the goal is reached: the tests pass";
      List<String> changedFiles = List.copyOf(changed(runtime.checkpoints()));
      if (!ok) {
        rollBack(runtime.checkpoints());
        changedFiles = List.of();
      }
      MemoryAgent.remember(runtime.memory(), new Episode(runId, goal, thePlan.kind(), String.join(", ", changedFiles),
          ok ? "succeeded" : "failed: " + reason, Instant.now()));
      meta.put("status", ok ? "succeeded" : "failed").put("reason", reason).put("finished", Instant.now().toString());
      writeMeta(dir, meta);
      Report report = new Report(runId, ok, reason, calls.count(), calls.inputTokens(), calls.outputTokens(),
          calls.cost(), changedFiles);
      ExplainabilityAgent.record(dir, "run.finished", ExplainabilityAgent.fields().put("status", ok ? "succeeded" : "failed")
          .put("reason", reason).put("steps", report.steps()).put("costUsd", report.costUsd())
          .set("changed", JSON.valueToTree(changedFiles)));
      emit.on(event("run.finished").put("status", ok ? "succeeded" : "failed").put("runId", runId).put("reason", reason)
          .put("steps", report.steps()).put("inputTokens", report.inputTokens()).put("outputTokens", report.outputTokens())
          .put("costUsd", report.costUsd()).set("changed", JSON.valueToTree(changedFiles)));
      return report;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunException("the run was interrupted; resume it with its id " + runId);
    } finally {
      calls.close();
    }
  }

  private static Set<String> changed(Checkpoints checkpoints) {
    Set<String> out = new LinkedHashSet<>();
    checkpoints.list().stream().findFirst().ifPresent(first -> out.addAll(checkpoints.changedSince(first)));
    out.removeIf(p -> p.startsWith(".nootropic/") || p.startsWith("target/") || p.startsWith("build/")
        || p.contains("node_modules/"));
    return out;
  }

  private static void rollBack(Checkpoints checkpoints) {
    // the state before the first step's first edit
    checkpoints.list().stream().filter(c -> c.label().startsWith("before fix")).findFirst().ifPresent(checkpoints::restore);
  }

  private static String firstError(RunResult result) {
    for (Map.Entry<TaskId, String> e : result.errors().entrySet()) {
      return e.getKey().value() + ": " + e.getValue();
    }
    return "the run did not finish";
  }

  private static String programName(String program) {
    return program.startsWith("./") ? program.substring(2) : program;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static ObjectNode event(String type) {
    return JSON.createObjectNode().put("type", type);
  }

  private static void writeMeta(Path dir, ObjectNode meta) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("run.json.tmp");
      Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, dir.resolve("run.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run file in " + dir + ": " + e.getMessage(), e);
    }
  }

  /// Every model call of a run, appended and forced to disk: a resumed task gets the replies its
  /// earlier execution already had, in order, and the step bound counts every call ever sent.
  static final class CallLog implements AutoCloseable {
    private final Path file;
    private final int maxSteps;
    private final Map<String, ChatResponse> known = new HashMap<>();
    private final Map<String, Integer> nextIndex = new HashMap<>();
    private FileChannel channel;
    private int count;
    private long inputTokens;
    private long outputTokens;
    private double cost;

    private CallLog(Path file, int maxSteps) {
      this.file = file;
      this.maxSteps = maxSteps;
    }

    static CallLog open(Path file, int maxSteps) {
      CallLog log = new CallLog(file, maxSteps);
      try {
        Files.createDirectories(file.getParent());
        if (Files.isRegularFile(file)) {
          byte[] bytes = Files.readAllBytes(file);
          int end = bytes.length;
          while (end > 0 && bytes[end - 1] != '\n') {
            end--;
          }
          if (end < bytes.length) {
            // a line cut short by a crash: drop it, so the next record starts on a line of its own
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
              ch.truncate(end);
              ch.force(false);
            }
          }
          for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
              continue;
            }
            try {
              JsonNode n = JSON.readTree(line);
              ChatResponse r = ModelTraffic.readResponse(n.get("response"));
              log.known.put(n.get("key").asText(), r);
              log.account(r, n.path("costUsd").asDouble(0));
            } catch (IOException | RuntimeException torn) {
              // a line cut short by a crash: that call is asked again
            }
          }
        }
        log.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the call log " + file + ": " + e.getMessage(), e);
      }
      return log;
    }

    private void account(ChatResponse r, double c) {
      count++;
      inputTokens += r.usage().inputTokens();
      outputTokens += r.usage().outputTokens();
      cost += c;
    }

    /// A model for one execution of `task`: its n-th call is keyed `task#n`.
    ChatModel forTask(String task, ChatModel model) {
      synchronized (this) {
        nextIndex.put(task, 0);
      }
      return new ChatModel() {
        @Override
        public ModelDescriptor descriptor() {
          return model.descriptor();
        }

        @Override
        public ChatResponse chat(ChatRequest request, StreamingHandler handler) {
          String key;
          synchronized (CallLog.this) {
            int n = nextIndex.merge(task, 1, Integer::sum);
            key = task + "#" + n;
            ChatResponse cached = known.get(key);
            if (cached != null) {
              handler.onComplete(cached);
              return cached;
            }
            if (count >= maxSteps) {
              throw new StepLimitException("the step limit is reached: " + count + " of " + maxSteps
                  + " chat requests sent (raise it with --max-steps)");
            }
          }
          ChatResponse r = model.chat(request, handler);
          double c = model.descriptor().cost(r.usage().inputTokens(), r.usage().outputTokens());
          synchronized (CallLog.this) {
            ObjectNode line = JSON.createObjectNode().put("key", key).put("costUsd", c);
            line.set("request", ModelTraffic.request(request));
            line.set("response", ModelTraffic.response(r));
            try {
              channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
              channel.force(false);
            } catch (IOException e) {
              throw new ModelException("cannot record the model's reply in " + file + ": " + e.getMessage(), e);
            }
            known.put(key, r);
            account(r, c);
          }
          return r;
        }
      };
    }

    synchronized int count() {
      return count;
    }

    synchronized long inputTokens() {
      return inputTokens;
    }

    synchronized long outputTokens() {
      return outputTokens;
    }

    synchronized double cost() {
      return cost;
    }

    @Override
    public synchronized void close() {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        // nothing left to save
      }
    }
  }

  /// The run sent as many chat requests as `maxSteps` allows.
  public static final class StepLimitException extends ModelException {
    /// With a message naming the bound.
    public StepLimitException(String message) {
      super(message);
    }
  }
}
