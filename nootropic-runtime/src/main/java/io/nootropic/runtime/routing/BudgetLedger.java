package io.nootropic.runtime.routing;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/// Tracks spending per run, per agent of a run and per task, and checks calls against the run
/// and agent budgets. Thread-safe.
public final class BudgetLedger {

  private final Budget defaultRunBudget;
  private final Budget defaultAgentBudget;
  private final BudgetPolicy policy;
  private final Map<String, Budget> runBudgets = new ConcurrentHashMap<>();
  private final Map<String, Budget> agentBudgets = new ConcurrentHashMap<>();
  private final Map<String, Spend> byRun = new ConcurrentHashMap<>();
  private final Map<String, Spend> byAgent = new ConcurrentHashMap<>();
  private final Map<String, Spend> byTask = new ConcurrentHashMap<>();

  /// A ledger with default budgets for every run and every agent, and the policy to apply.
  public BudgetLedger(Budget defaultRunBudget, Budget defaultAgentBudget, BudgetPolicy policy) {
    this.defaultRunBudget = Objects.requireNonNull(defaultRunBudget, "defaultRunBudget");
    this.defaultAgentBudget = Objects.requireNonNull(defaultAgentBudget, "defaultAgentBudget");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /// A ledger with no limits: it only attributes cost.
  public static BudgetLedger unlimited() {
    return new BudgetLedger(Budget.UNLIMITED, Budget.UNLIMITED, BudgetPolicy.FAIL);
  }

  /// The policy applied when a call would exceed a budget.
  public BudgetPolicy policy() {
    return policy;
  }

  /// Sets the budget of one run.
  public BudgetLedger runBudget(String runId, Budget budget) {
    runBudgets.put(runId, budget);
    return this;
  }

  /// Sets the budget of one agent (in every run).
  public BudgetLedger agentBudget(String agentId, Budget budget) {
    agentBudgets.put(agentId, budget);
    return this;
  }

  /// Why a call with these estimates would exceed a budget, or `null` if it fits.
  public String wouldExceed(CallContext context, long tokens, double costUsd) {
    String run = check("run '" + context.runId() + "'", runBudgets.getOrDefault(context.runId(), defaultRunBudget),
        spentByRun(context.runId()), tokens, costUsd);
    if (run != null) {
      return run;
    }
    return check("agent '" + context.agentId() + "'", agentBudgets.getOrDefault(context.agentId(), defaultAgentBudget),
        spentByAgent(context.runId(), context.agentId()), tokens, costUsd);
  }

  private static String check(String who, Budget budget, Spend spent, long tokens, double cost) {
    if (budget.maxTokens() != Long.MAX_VALUE && spent.tokens() + tokens > budget.maxTokens()) {
      return "budget of " + who + ": " + spent.tokens() + " tokens spent + ~" + tokens + " for this call > limit " + budget.maxTokens();
    }
    if (spent.costUsd() + cost > budget.maxCostUsd()) {
      return String.format(Locale.ROOT, "budget of %s: $%.6f spent + ~$%.6f for this call > limit $%.6f",
          who, spent.costUsd(), cost, budget.maxCostUsd());
    }
    return null;
  }

  /// Records a finished call against its run, agent and task.
  public void charge(CallContext context, long tokens, double costUsd) {
    byRun.merge(context.runId(), Spend.NONE.plus(tokens, costUsd), BudgetLedger::add);
    byAgent.merge(context.runId() + "\u0000" + context.agentId(), Spend.NONE.plus(tokens, costUsd), BudgetLedger::add);
    byTask.merge(context.runId() + "\u0000" + context.taskId(), Spend.NONE.plus(tokens, costUsd), BudgetLedger::add);
  }

  private static Spend add(Spend a, Spend b) {
    return new Spend(a.calls() + b.calls(), a.tokens() + b.tokens(), a.costUsd() + b.costUsd());
  }

  /// What a run has spent.
  public Spend spentByRun(String runId) {
    return byRun.getOrDefault(runId, Spend.NONE);
  }

  /// What an agent has spent in a run.
  public Spend spentByAgent(String runId, String agentId) {
    return byAgent.getOrDefault(runId + "\u0000" + agentId, Spend.NONE);
  }

  /// What one task of a run has spent.
  public Spend spentByTask(String runId, String taskId) {
    return byTask.getOrDefault(runId + "\u0000" + taskId, Spend.NONE);
  }

  /// The spending of every task of a run, by task id, sorted.
  public Map<String, Spend> costByTask(String runId) {
    Map<String, Spend> out = new TreeMap<>();
    String prefix = runId + "\u0000";
    byTask.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }
}
