package io.nootropic.example.host;

import io.nootropic.agents.coding.CodeContext;
import io.nootropic.agents.coding.CriticAgent;
import io.nootropic.agents.coding.PlannerAgent;
import io.nootropic.agents.coding.ReasoningAgent;
import io.nootropic.agents.coding.SearchAgent;
import io.nootropic.agents.command.CommandPolicy;
import io.nootropic.agents.model.ReplayChatModel;
import io.nootropic.agents.runtime.AgentRuntime;
import io.nootropic.agents.runtime.RunContext;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.model.ChatModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/// A host's own pipeline, assembled from Nootropic's agents without `CodingRun` or the CLI:
/// plan the goal, run the tests as they are, gather the code, then edit, check and repair until
/// the tests pass. Swap any step for your own (a different search, a stricter critic).
///
/// `java ... AgentPipeline PROJECT REPLAY_FILE TEST_COMMAND...` runs it with recorded replies.
public final class AgentPipeline {

  private AgentPipeline() {}

  /// Reaches `goal` in `project` with `model`, checking with `testCommand`; returns whether the
  /// tests pass at the end.
  public static boolean fix(Path project, ChatModel model, List<String> testCommand, String goal) {
    PlannerAgent.Plan plan = PlannerAgent.plan(goal);
    try (AgentRuntime runtime = AgentRuntime.builder(project).model(model)
        .commands(CommandPolicy.custom().allow(testCommand.getFirst()).build()).build()) {
      RunContext ctx = runtime.context("host.pipeline", "fix");
      CriticAgent.Check check = CriticAgent.Check.tests(testCommand, List.of(), Duration.ofMinutes(2));
      CriticAgent.Verdict before = new CriticAgent().execute(AgentRequest.of(check), ctx).output();
      if (before.passed()) {
        System.out.println(plan.kind() + ": the tests already pass");
        return true;
      }
      String failing = before.tests().feedback();
      CodeContext code = new SearchAgent()
          .execute(AgentRequest.of(new SearchAgent.Query(goal, failing, 4000)), ctx).output();
      ReasoningAgent.Outcome outcome = new ReasoningAgent().execute(AgentRequest.of(
          new ReasoningAgent.Fix("fix", goal, code, failing, "diff", plan.strategy(), check, false)), ctx).output();
      System.out.println(plan.kind() + ": " + (outcome.passed()
          ? "fixed after " + outcome.attempts() + " attempt(s)" : "not fixed: " + outcome.reason()));
      return outcome.passed();
    }
  }

  /// Runs [#fix] with a replay file's recorded replies.
  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: AgentPipeline PROJECT REPLAY_FILE TEST_COMMAND...");
      System.exit(2);
    }
    boolean ok = fix(Path.of(args[0]), ReplayChatModel.open(Path.of(args[1])),
        Arrays.asList(args).subList(2, args.length), "Fix the failing test");
    System.exit(ok ? 0 : 1);
  }
}
