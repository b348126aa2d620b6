package io.nootropic.agents.coding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.agents.checkpoint.Checkpoints;
import io.nootropic.agents.runtime.RunContext;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.agent.AgentException;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;
import io.nootropic.runtime.agent.AgentInvocation;
import io.nootropic.runtime.agent.BaseAgent;
import io.nootropic.runtime.reflexion.Checkpointer;
import io.nootropic.runtime.reflexion.ReflexionEngine;
import io.nootropic.runtime.reflexion.ReflexionEvent;
import io.nootropic.runtime.reflexion.ReflexionFailedException;
import io.nootropic.runtime.reflexion.ReflexionResult;
import io.nootropic.runtime.reflexion.RepairPolicy;
import io.nootropic.runtime.reflexion.RepairPolicyParser;
import io.nootropic.runtime.reflexion.StepOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/// Reaches a goal through edit, check, repair: each attempt asks the [CoderAgent] for edits and
/// the [CriticAgent] for a verdict; a failure is repaired by the first matching rule of a
/// [RepairPolicy] run by the [ReflexionEngine] (retry with the failing output in the prompt, roll
/// back to the checkpoint taken before the first attempt, switch model, escalate to the person),
/// bounded by the policy's attempts and by the run's step, token, time and budget limits.
///
/// Re-running it after a crash starts again from that checkpoint, so a half-finished attempt
/// never mixes with the next.
public final class ReasoningAgent extends BaseAgent<ReasoningAgent.Fix, ReasoningAgent.Outcome> {

  /// The default policy: two retries with the failing output, then a rollback and two more.
  public static final RepairPolicy DEFAULT_POLICY = RepairPolicyParser.parse("default repair policy", """
      {"maxAttempts": 4,
       "rules": [
         {"name": "feedback", "match": {"failedCheck": ["tests", "compile", "edits"]}, "action": "retry", "maxTimes": 2,
          "next": "rollback"},
         {"name": "rollback", "match": {"failedCheck": ["tests", "compile"]}, "action": "rollback", "maxTimes": 1,
          "next": "retry-after-rollback"},
         {"name": "retry-after-rollback", "match": {"failedCheck": ["tests", "compile", "edits"]}, "action": "retry",
          "maxTimes": 1}
       ]}
      """);

  /// What to fix.
  ///
  /// @param step     the step's name (the task id), which also labels its checkpoint
  /// @param goal     the goal
  /// @param context  the gathered code
  /// @param evidence what fails now
  /// @param format   the edit format
  /// @param strategy the coder's strategy
  /// @param check    the critic's check
  /// @param stream   whether the coder streams replies
  public record Fix(String step, String goal, CodeContext context, String evidence, String format, String strategy,
                    CriticAgent.Check check, boolean stream) {}

  /// How it ended.
  ///
  /// @param passed      whether the last attempt passed the critic
  /// @param attempts    attempts made
  /// @param last        the last attempt's coder result, or `null`
  /// @param tests       the last test run, or `null`
  /// @param story       the repair transitions, one line each
  /// @param reason      for a failure, why it stopped
  public record Outcome(boolean passed, int attempts, CoderAgent.Result last, TestRun tests, List<String> story,
                        String reason) {}

  private final RepairPolicy policy;
  private final Path runDir;
  private final Consumer<String> progress;

  /// An agent repairing by `policy`, recording explanations under `runDir` (or nowhere when
  /// `null`) and reporting each attempt to `progress`.
  public ReasoningAgent(RepairPolicy policy, Path runDir, Consumer<String> progress) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.runDir = runDir;
    this.progress = progress == null ? s -> { } : progress;
  }

  /// An agent with [#DEFAULT_POLICY] that records nothing.
  public ReasoningAgent() {
    this(DEFAULT_POLICY, null, null);
  }

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("agent.reasoning", CapabilityKind.AGENT).version("0.1.0")
        .summary("Edits, checks and repairs until the critic passes: retry with feedback, roll back, switch model, escalate.")
        .tags("agent", "reasoning", "reflexion").build();
  }

  @Override
  protected AgentResponse<Outcome> doExecute(AgentRequest<Fix> request, AgentInvocation invocation) {
    RunContext ctx = Contexts.run(invocation.context(), "the reasoning agent");
    Fix fix = request.input();
    CoderAgent coder = new CoderAgent();
    String traceId = invocation.span().getSpanContext().isValid() ? invocation.span().getSpanContext().getTraceId() : "";
    List<CoderAgent.Result> results = new ArrayList<>();
    List<TestRun> runs = new ArrayList<>();
    String[] modelFailure = {null};
    ReflexionEngine engine = ReflexionEngine.builder(policy).human(ctx.human()).events(ctx.events()).build();
    try {
      ReflexionResult<TestRun> r = engine.run(ctx.runId(), describe().name(), fix.step(), step -> {
        StringBuilder feedback = new StringBuilder();
        List<StepOutcome.Failure<?>> previous = step.previous();
        for (StepOutcome.Failure<?> f : previous.subList(Math.max(0, previous.size() - 2), previous.size())) {
          feedback.append("- ").append(f.observation()).append('\n');
        }
        if (step.revision().promptAppend() != null) {
          feedback.append(step.revision().promptAppend()).append('\n');
        }
        double temperature = step.revision().temperature() != null ? step.revision().temperature() : 0.0;
        progress.accept("attempt " + step.attempt() + ": asking for edits");
        CoderAgent.Result edit;
        try {
          edit = coder.execute(AgentRequest.of(new CoderAgent.Task(fix.goal(), fix.context(),
              fix.evidence(), fix.format(), fix.strategy(), feedback.toString(),
              step.revision().guidance() == null ? "" : step.revision().guidance(), temperature, step.revision().model(),
              fix.stream(), true)), ctx).output();
        } catch (AgentException e) {
          String why = modelProblem(e);
          modelFailure[0] = why;
          return StepOutcome.error("model", why);
        }
        results.add(edit);
        TestRun tests = null;
        StepOutcome<TestRun> outcome;
        if (!edit.applied()) {
          outcome = StepOutcome.failedCheck("edits", edit.feedback().strip());
        } else {
          progress.accept("attempt " + step.attempt() + ": " + edit.edits().size() + " edits applied; running the tests");
          tests = CriticAgent.runTests(ctx, fix.check());
          runs.add(tests);
          outcome = tests.passed() ? StepOutcome.success(tests, "tests pass")
              : StepOutcome.failedCheck(tests.failedCheck(), tests.feedback());
        }
        explainAttempt(ctx, fix, step.attempt(), edit, tests, traceId);
        return outcome;
      }, checkpointer(ctx.checkpoints(), fix.step()));
      return AgentResponse.of(new Outcome(true, r.attempts(), results.getLast(), r.value(), story(r.transitions()), ""),
          "passed after " + r.attempts() + " attempts");
    } catch (ReflexionFailedException e) {
      String reason;
      if (!results.isEmpty() && results.stream().noneMatch(CoderAgent.Result::applied)) {
        reason = "no reply held edits in the '" + fix.format() + "' format that applied (" + results.size()
            + (results.size() == 1 ? " reply" : " replies") + "; last problem: " + firstLine(results.getLast().feedback()) + ")"
            + (modelFailure[0] == null ? "" : "; then " + modelFailure[0]);
      } else if (modelFailure[0] != null) {
        reason = modelFailure[0];
      } else if (!runs.isEmpty()) {
        TestRun last = runs.getLast();
        reason = "the " + (last.failedCheck() == null ? "tests" : last.failedCheck()) + " still fail after "
            + results.size() + " attempts" + (last.failingTests().isEmpty() ? "" : ": " + String.join(", ", last.failingTests()));
      } else {
        reason = e.getMessage();
      }
      return AgentResponse.of(new Outcome(false, results.size(), results.isEmpty() ? null : results.getLast(),
          runs.isEmpty() ? null : runs.getLast(), story(e.transitions()), reason), "failed");
    }
  }

  private void explainAttempt(RunContext ctx, Fix fix, int attempt, CoderAgent.Result edit, TestRun tests, String traceId) {
    if (runDir == null) {
      return;
    }
    ObjectNode f = ExplainabilityAgent.fields().put("task", fix.step()).put("attempt", attempt)
        .put("model", edit.model()).put("rationale", edit.rationale()).put("applied", edit.applied())
        .put("feedback", edit.feedback()).put("inputTokens", edit.inputTokens()).put("outputTokens", edit.outputTokens())
        .put("costUsd", ctx.model().descriptor().cost(edit.inputTokens(), edit.outputTokens())).put("traceId", traceId);
    f.set("edits", ExplainabilityAgent.array(edit.edits()));
    f.set("contextIds", ExplainabilityAgent.array(fix.context().contextIds()));
    ExplainabilityAgent.record(runDir, "edit", f);
    if (tests != null) {
      ObjectNode t = ExplainabilityAgent.fields().put("task", fix.step()).put("attempt", attempt)
          .put("passed", tests.passed()).put("exitCode", tests.exitCode())
          .put("failedCheck", tests.failedCheck()).put("feedback", tests.feedback());
      t.set("argv", ExplainabilityAgent.array(tests.argv()));
      t.set("failingTests", ExplainabilityAgent.array(tests.failingTests()));
      ExplainabilityAgent.record(runDir, "tests", t);
    }
  }

  /// Saves (or, after a crash, returns to) the state before the step's first attempt.
  static Checkpointer checkpointer(Checkpoints checkpoints, String step) {
    String label = "before " + step;
    return new Checkpointer() {
      @Override
      public String save() {
        for (Checkpoints.Checkpoint c : checkpoints.list()) {
          if (c.label().equals(label)) {
            checkpoints.restore(c);
            return Integer.toString(c.number());
          }
        }
        return Integer.toString(checkpoints.checkpoint(label).number());
      }

      @Override
      public void restore(String id) {
        int n = Integer.parseInt(id);
        checkpoints.list().stream().filter(c -> c.number() == n).findFirst().ifPresent(checkpoints::restore);
      }
    };
  }

  /// What a model failure comes down to, without exception class names.
  static String modelProblem(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CodingRun.StepLimitException) {
        return t.getMessage();
      }
      if (t instanceof io.nootropic.api.model.ModelException || t instanceof io.nootropic.runtime.routing.ModelCallException) {
        message = t.getMessage();
      }
    }
    return "the model did not answer: " + message;
  }

  private static List<String> story(List<ReflexionEvent> transitions) {
    return transitions.stream().map(ReflexionEvent::summary).toList();
  }

  private static String firstLine(String s) {
    String t = s == null ? "" : s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
