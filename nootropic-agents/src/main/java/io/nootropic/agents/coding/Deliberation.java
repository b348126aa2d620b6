package io.nootropic.agents.coding;

import io.nootropic.agents.checkpoint.Checkpoints;
import io.nootropic.agents.edit.EditApplier;
import io.nootropic.agents.edit.EditFormats;
import io.nootropic.agents.runtime.RunContext;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;
import io.nootropic.api.memory.Episode;
import io.nootropic.api.memory.Memory;
import io.nootropic.runtime.agent.AgentInvocation;
import io.nootropic.runtime.agent.BaseAgent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/// Several candidate patches for one goal, from different models or temperatures, each tried on
/// the same starting state: the ones that pass the tests win over the ones that do not, and among
/// those a vote chooses, each candidate's patch weighted by its source's historical accuracy
/// (recorded per source in memory as episodes with the goal `model accuracy: SOURCE`). The chosen
/// patch is left applied; every candidate's result is recorded as a new accuracy episode.
public final class Deliberation extends BaseAgent<Deliberation.Request, Deliberation.Choice> {

  /// One source of candidates.
  ///
  /// @param model       the model to ask (`null` for the run's routed model)
  /// @param temperature its sampling temperature
  public record Candidate(String model, double temperature) {
    /// The name its accuracy is recorded under.
    public String source() {
      return (model == null ? "default" : model) + "@" + temperature;
    }
  }

  /// What to deliberate.
  ///
  /// @param goal       the goal
  /// @param context    the gathered code
  /// @param evidence   what fails now
  /// @param format     the edit format
  /// @param strategy   the coder's strategy
  /// @param check      the critic's check
  /// @param candidates the sources, in order
  public record Request(String goal, CodeContext context, String evidence, String format, String strategy,
                        CriticAgent.Check check, List<Candidate> candidates) {
    /// Copies the list.
    public Request {
      candidates = List.copyOf(candidates);
    }
  }

  /// One candidate's result.
  ///
  /// @param source   its source
  /// @param applied  whether its edits applied
  /// @param passed   whether the tests passed with them
  /// @param weight   its source's accuracy before this deliberation
  /// @param reply    the model's reply
  public record Tried(String source, boolean applied, boolean passed, double weight, String reply) {}

  /// The choice.
  ///
  /// @param chosen the index of the chosen candidate, or -1 when none applied
  /// @param passed whether the chosen candidate passes the tests
  /// @param tried  every candidate, in order
  /// @param why    how it was chosen
  public record Choice(int chosen, boolean passed, List<Tried> tried, String why) {}

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("agent.deliberation", CapabilityKind.AGENT).version("0.1.0")
        .summary("Tries several candidate patches; tests decide first, then a vote weighted by each source's accuracy.")
        .tags("agent", "deliberation", "ensemble").build();
  }

  @Override
  protected AgentResponse<Choice> doExecute(AgentRequest<Request> request, AgentInvocation invocation) {
    RunContext ctx = Contexts.run(invocation.context(), "deliberation");
    Request r = request.input();
    Checkpoints checkpoints = ctx.checkpoints();
    Checkpoints.Checkpoint start = checkpoints.checkpoint("before deliberation");
    CoderAgent coder = new CoderAgent();
    List<Tried> tried = new ArrayList<>();
    for (Candidate c : r.candidates()) {
      checkpoints.restore(start);
      double weight = accuracy(ctx.memory(), c.source());
      CoderAgent.Result edit;
      try {
        // text edits only: the chosen reply is applied again after the vote
        edit = coder.execute(AgentRequest.of(new CoderAgent.Task(r.goal(), r.context(), r.evidence(),
            r.format(), r.strategy(), "", "", c.temperature(), c.model(), false, false)), ctx).output();
      } catch (io.nootropic.api.agent.AgentException e) {
        tried.add(new Tried(c.source(), false, false, weight, ""));
        continue;
      }
      boolean passed = edit.applied() && CriticAgent.runTests(ctx, r.check()).passed();
      tried.add(new Tried(c.source(), edit.applied(), passed, weight, edit.reply()));
      MemoryAgent.remember(ctx.memory(), new Episode(UUID.randomUUID().toString(), goalOf(c.source()), "deliberation",
          "", passed ? "passed" : "failed", Instant.now()));
    }
    checkpoints.restore(start);
    int chosen = choose(tried);
    String why;
    if (chosen < 0) {
      why = "no candidate's edits applied";
    } else {
      if (!EditApplier.applyReply(ctx.workspace(), EditFormats.forName(r.format()), tried.get(chosen).reply(), false).ok()) {
        checkpoints.restore(start);
        return AgentResponse.of(new Choice(-1, false, tried, "the chosen patch no longer applies"), "no choice");
      }
      long passing = tried.stream().filter(Tried::passed).count();
      why = (tried.get(chosen).passed() ? passing + " of " + tried.size() + " candidates pass the tests; " : "none passes; ")
          + "the vote weighted by accuracy chose " + tried.get(chosen).source();
    }
    boolean passed = chosen >= 0 && tried.get(chosen).passed();
    return AgentResponse.of(new Choice(chosen, passed, tried, why), why);
  }

  /// Tests first, then the vote: candidates with the same reply pool their sources' weights.
  static int choose(List<Tried> tried) {
    boolean anyPassed = tried.stream().anyMatch(Tried::passed);
    Map<String, Double> votes = new LinkedHashMap<>();
    Map<String, Integer> first = new LinkedHashMap<>();
    for (int i = 0; i < tried.size(); i++) {
      Tried t = tried.get(i);
      if (!t.applied() || anyPassed && !t.passed()) {
        continue;
      }
      String patch = t.reply().strip();
      votes.merge(patch, t.weight(), Double::sum);
      first.putIfAbsent(patch, i);
    }
    return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> first.get(e.getKey())).orElse(-1);
  }

  /// A source's accuracy from memory: (passed + 1) / (tried + 2), 0.5 with no history.
  static double accuracy(Memory memory, String source) {
    int passed = 0;
    int total = 0;
    for (Episode e : MemoryAgent.recall(memory, goalOf(source), 200)) {
      if (e.goal().equals(goalOf(source))) {
        total++;
        if (e.outcome().equals("passed")) {
          passed++;
        }
      }
    }
    return (passed + 1.0) / (total + 2.0);
  }

  private static String goalOf(String source) {
    return "model accuracy: " + source;
  }
}
