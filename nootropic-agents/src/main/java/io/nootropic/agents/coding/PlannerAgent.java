package io.nootropic.agents.coding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;
import io.nootropic.runtime.agent.AgentInvocation;
import io.nootropic.runtime.agent.BaseAgent;
import io.nootropic.runtime.task.InterruptPolicy;
import io.nootropic.runtime.task.RetrySpec;
import io.nootropic.runtime.task.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Turns a goal into a task DAG, symbolically first: templates for the goal kinds that need no
/// model to plan (fix failing tests, rename a symbol, add a test for something), and a general
/// change for the rest. Each plan is `baseline` (run the tests as they are) → `context` (gather
/// code) → `fix` (edit, check, repair) → `verify` (the whole test suite), with estimates the
/// critical path uses. [#revise] re-plans after a finished task with a JSON Patch touching only
/// the affected subtree.
public final class PlannerAgent extends BaseAgent<String, PlannerAgent.Plan> {

  /// A plan.
  ///
  /// @param kind      `fix-tests`, `rename`, `add-test` or `change`
  /// @param strategy  the coder's strategy for the kind
  /// @param rationale why this plan
  /// @param tasks     the tasks
  public record Plan(String kind, String strategy, String rationale, List<TaskSpec> tasks) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  /// Goals about failing tests or a broken build, and only those: "fix the failing test", "make
  /// the tests pass", "repair the build". A bug to fix is a `change` (the tests may not show it yet).
  private static final Pattern FIX = Pattern.compile("(?i)\\bfailing\\b|\\b(fix|repair)\\b.*\\b(tests?|build)\\b"
      + "|\\b(make|get)\\b.*\\b(tests?|build)\\b.*\\b(pass|green|work)");
  private static final Pattern RENAME = Pattern.compile("(?i)\\brename\\s+`?([A-Za-z_$][\\w$.]*)`?\\s+(?:to|as|into)\\s+`?([A-Za-z_$][\\w$]*)`?");
  private static final Pattern ADD_TEST = Pattern.compile("(?i)\\b(add|write)\\b.*\\btests?\\b\\s+(?:for|of|covering)\\s+`?([\\w$.#()]+)`?");

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("agent.planner", CapabilityKind.AGENT).version("0.1.0")
        .summary("Turns a goal into a task DAG with estimates (templates first) and re-plans with JSON Patches.")
        .tags("agent", "planner", "task-graph").build();
  }

  @Override
  protected AgentResponse<Plan> doExecute(AgentRequest<String> request, AgentInvocation invocation) {
    Plan plan = plan(request.input());
    return AgentResponse.of(plan, plan.rationale());
  }

  /// The plan for `goal`.
  public static Plan plan(String goal) {
    String kind;
    String strategy;
    String rationale;
    Matcher rename = RENAME.matcher(goal);
    Matcher addTest = ADD_TEST.matcher(goal);
    if (rename.find()) {
      kind = "rename";
      strategy = "refactor";
      rationale = "a rename of " + rename.group(1) + " to " + rename.group(2) + ": every use changes, behaviour does not";
    } else if (addTest.find()) {
      kind = "add-test";
      strategy = "writer";
      rationale = "a new test for " + addTest.group(2) + ": write it, then the suite must pass";
    } else if (FIX.matcher(goal).find()) {
      kind = "fix-tests";
      strategy = "mutator";
      rationale = "failing tests to fix: their failures point at the code to change";
    } else {
      kind = "change";
      strategy = "mutator";
      rationale = "a change: gather the code the goal names, edit it, keep the tests passing";
    }
    ObjectNode base = JSON.createObjectNode().put("goal", goal).put("kind", kind).put("strategy", strategy);
    List<TaskSpec> tasks = List.of(
        task("baseline", "coding.baseline", base, Duration.ofSeconds(30)),
        task("context", "coding.context", base, Duration.ofSeconds(5), "baseline"),
        task("fix", "coding.fix", base, Duration.ofMinutes(2), "baseline", "context"),
        task("verify", "coding.verify", base, Duration.ofSeconds(30), "fix"));
    return new Plan(kind, strategy, rationale, tasks);
  }

  private static TaskSpec task(String id, String capability, ObjectNode inputs, Duration estimate, String... deps) {
    return TaskSpec.of(id, capability, inputs.deepCopy(), estimate, deps).withRetry(RetrySpec.NONE)
        .withTimeout(Duration.ofHours(2)).withOnInterrupt(InterruptPolicy.RETRY);
  }

  /// The JSON Schema a model's drafted plan must satisfy.
  public static final String PLAN_SCHEMA = """
      {"type":"object","required":["steps"],"additionalProperties":false,"properties":{
        "steps":{"type":"array","minItems":1,"maxItems":4,"items":{
          "type":"object","required":["goal"],"additionalProperties":false,"properties":{
            "goal":{"type":"string","minLength":3,"maxLength":400},
            "files":{"type":"array","items":{"type":"string"},"maxItems":10}}}}}}""";

  private static final io.nootropic.agents.tool.ArgumentValidator PLAN_VALIDATOR =
      new io.nootropic.agents.tool.ArgumentValidator("plan", io.nootropic.api.JsonSchema.of(PLAN_SCHEMA));

  /// A plan for a goal no template covers, drafted by `model` as JSON validated against
  /// [#PLAN_SCHEMA]: one `fix-N` task per step (each on the previous one), then `verify`. A reply
  /// that does not validate falls back to `template`, and the rationale says why.
  public static Plan draft(io.nootropic.api.model.ChatModel model, String goal, String repoMap, Plan template) {
    String reply;
    try {
      reply = model.chat(new io.nootropic.api.model.ChatRequest(null, List.of(
          io.nootropic.api.model.ChatMessage.system("You plan the work of a coding agent. Split the goal into one to"
              + " four steps, each a change that can be made and tested on its own, in order. Reply with JSON only: "
              + "{\"steps\":[{\"goal\":\"...\",\"files\":[\"path\"]}]}"),
          io.nootropic.api.model.ChatMessage.user("Goal: " + goal + "\n\nRepository:\n" + repoMap)),
          new io.nootropic.api.model.GenerationOptions(512, 0.0, 0, 1.0, 0.0, 1.0, 0.0, 42L, List.of(), true),
          List.of())).text();
    } catch (RuntimeException e) {
      return new Plan(template.kind(), template.strategy(), template.rationale() + " (the model could not draft a plan: "
          + e.getMessage() + ")", template.tasks());
    }
    JsonNode steps;
    try {
      steps = PLAN_VALIDATOR.parse(jsonPart(reply)).get("steps");
    } catch (RuntimeException e) {
      return new Plan(template.kind(), template.strategy(), template.rationale() + " (the model's plan was refused: "
          + e.getMessage() + ")", template.tasks());
    }
    ObjectNode base = JSON.createObjectNode().put("goal", goal).put("kind", "change").put("strategy", "mutator");
    List<TaskSpec> tasks = new java.util.ArrayList<>();
    tasks.add(task("baseline", "coding.baseline", base, Duration.ofSeconds(30)));
    tasks.add(task("context", "coding.context", base, Duration.ofSeconds(5), "baseline"));
    String previous = null;
    int n = steps.size();
    for (int i = 1; i <= n; i++) {
      ObjectNode in = base.deepCopy().put("goal", steps.get(i - 1).get("goal").asText()
          + (n > 1 ? " (step " + i + " of " + n + " towards: " + goal + ")" : ""));
      String id = "fix-" + i;
      tasks.add(previous == null ? task(id, "coding.fix", in, Duration.ofMinutes(2), "baseline", "context")
          : task(id, "coding.fix", in, Duration.ofMinutes(2), "baseline", "context", previous));
      previous = id;
    }
    tasks.add(task("verify", "coding.verify", base, Duration.ofSeconds(30), previous));
    return new Plan("change", "mutator", "the model split the goal into " + n + " step" + (n == 1 ? "" : "s"), tasks);
  }

  /// The JSON object in a reply that may wrap it in a fence or prose.
  static String jsonPart(String reply) {
    int start = reply.indexOf('{');
    int end = reply.lastIndexOf('}');
    return start >= 0 && end > start ? reply.substring(start, end + 1) : reply;
  }

  /// The re-plan after `finished` produced `result`, as a JSON Patch of the canonical document,
  /// if one is needed: when the baseline shows the failing tests a `fix-tests` plan was made for
  /// already pass, `fix` is told so; when the baseline names failing tests, `context` is pointed
  /// at them.
  public static Optional<JsonNode> revise(Plan plan, String finished, JsonNode result) {
    if (!finished.equals("baseline")) {
      return Optional.empty();
    }
    ArrayNode patch = JSON.createArrayNode();
    boolean passed = result.path("passed").asBoolean(false);
    if (passed && plan.kind().equals("fix-tests")) {
      patch.addObject().put("op", "add").put("path", "/tasks/fix/inputs/skip")
          .put("value", "the tests already pass: nothing to fix");
    }
    JsonNode failing = result.path("failingTests");
    if (failing.isArray() && !failing.isEmpty()) {
      patch.addObject().put("op", "add").put("path", "/tasks/context/inputs/focus").set("value", failing.deepCopy());
    }
    return patch.isEmpty() ? Optional.empty() : Optional.of(patch);
  }

  /// The re-plan when a critical task drifts past its estimate: every task still pending is
  /// re-estimated by the drift's ratio (elapsed / estimate), so the critical path and what the
  /// run reports about the remaining work stay true. A JSON Patch of the canonical document;
  /// empty when nothing is pending or the task did not overrun.
  public static Optional<JsonNode> reviseOnDrift(io.nootropic.runtime.task.TaskGraph graph,
                                                 io.nootropic.runtime.task.DriftEvent drift) {
    double ratio = drift.estimate().isZero() ? 1 : (double) drift.elapsed().toMillis() / drift.estimate().toMillis();
    if (ratio <= 1.0) {
      return Optional.empty();
    }
    ArrayNode patch = JSON.createArrayNode();
    for (io.nootropic.api.task.TaskId id : graph.topologicalOrderIds()) {
      io.nootropic.runtime.task.TaskState state = graph.state(id);
      if (state.status() == io.nootropic.api.task.TaskStatus.PENDING) {
        long estimate = state.spec().estimate().duration().toMillis();
        patch.addObject().put("op", "replace").put("path", "/tasks/" + id.value() + "/estimateMs")
            .put("value", Math.round(estimate * ratio));
      }
    }
    return patch.isEmpty() ? Optional.empty() : Optional.of(patch);
  }

  static String kindOf(JsonNode inputs) {
    return inputs.path("kind").asText("change").toLowerCase(Locale.ROOT);
  }
}
