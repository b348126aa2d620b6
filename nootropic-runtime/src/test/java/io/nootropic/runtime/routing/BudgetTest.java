package io.nootropic.runtime.routing;

import io.nootropic.runtime.fake.FakeProvider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.agent.HumanAnswer;
import io.nootropic.api.agent.HumanQuestion;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.GenerationOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetTest {

  // 1k tokens in or out cost $1 on "pricey", $0.01 on "thrifty"; local is free but only chosen by cost when allowed
  final FakeProvider remote = new FakeProvider("remote")
      .model("pricey", false, 1.0, 1.0, true, Duration.ofMillis(10))
      .model("thrifty", false, 0.01, 0.01, false, Duration.ofMillis(500));
  final ChatRequest small = ChatRequest.of("hello there").withOptions(GenerationOptions.DEFAULTS.withMaxTokens(10));
  final CallContext run = CallContext.DEFAULT.forTask("run-1", "coder", "t1").withStrategy(RoutingStrategy.localFirst());

  ModelRegistry registry(BudgetLedger ledger, io.nootropic.api.agent.HumanInTheLoop human) {
    return ModelRegistry.builder().provider(remote).budgets(ledger).human(human, Duration.ofSeconds(1)).build();
  }

  @Test
  void costIsAttributedPerTaskAgentAndRun() {
    BudgetLedger ledger = BudgetLedger.unlimited();
    ModelRegistry registry = registry(ledger, io.nootropic.api.agent.HumanInTheLoop.NOBODY);

    RoutedResponse a = registry.chat(small, run);
    RoutedResponse b = registry.chat(small, run.forTask("run-1", "coder", "t2"));
    registry.chat(small, run.forTask("run-1", "critic", "t2"));

    assertThat(ledger.costByTask("run-1")).containsOnlyKeys("t1", "t2");
    assertThat(ledger.spentByTask("run-1", "t1").costUsd()).isEqualTo(a.costUsd());
    assertThat(ledger.spentByTask("run-1", "t2").calls()).isEqualTo(2);
    assertThat(ledger.spentByAgent("run-1", "coder").costUsd()).isEqualTo(a.costUsd() + b.costUsd());
    assertThat(ledger.spentByRun("run-1").calls()).isEqualTo(3);
    assertThat(a.costUsd()).isGreaterThan(0);

    // agents pass their request metadata; the task id in it is what the cost is attributed to
    registry.chat(small, CallContext.fromMetadata(java.util.Map.of("run.id", "run-2", "agent.id", "planner", "task.id", "plan-1")));
    assertThat(ledger.costByTask("run-2")).containsOnlyKeys("plan-1");
    assertThat(ledger.spentByAgent("run-2", "planner").calls()).isEqualTo(1);
  }

  @Test
  void failPolicyStopsWithATypedErrorNamingTheBudget() {
    BudgetLedger ledger = new BudgetLedger(Budget.dollars(0.001), Budget.UNLIMITED, BudgetPolicy.FAIL);

    assertThatThrownBy(() -> registry(ledger, io.nootropic.api.agent.HumanInTheLoop.NOBODY).chat(small, run))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.BUDGET_EXCEEDED);
          assertThat(e.getMessage()).contains("budget of run 'run-1'").contains("limit $0.001000");
        });
    assertThat(remote.calls("pricey")).isZero();
  }

  @Test
  void switchPolicyRoutesToACheaperModelThatStillFits() {
    BudgetLedger ledger = new BudgetLedger(Budget.UNLIMITED, Budget.dollars(0.001), BudgetPolicy.SWITCH_TO_CHEAPER);

    RoutedResponse r = registry(ledger, io.nootropic.api.agent.HumanInTheLoop.NOBODY).chat(small, run);

    assertThat(r.answeredBy()).isEqualTo(new ModelRef("remote", "thrifty"));
    assertThat(r.decision().rejected()).singleElement().satisfies(v -> {
      assertThat(v.model()).isEqualTo(new ModelRef("remote", "pricey"));
      assertThat(v.reason()).startsWith("over budget: budget of agent 'coder'");
    });
  }

  @Test
  void switchPolicyFailsWhenNothingFits() {
    BudgetLedger ledger = new BudgetLedger(Budget.tokens(5), Budget.UNLIMITED, BudgetPolicy.SWITCH_TO_CHEAPER);

    assertThatThrownBy(() -> registry(ledger, io.nootropic.api.agent.HumanInTheLoop.NOBODY).chat(small, run))
        .isInstanceOf(BudgetExceededException.class).hasMessageContaining("every model would exceed the budget");
  }

  @Test
  void askHumanPolicyGoesOnOnlyWhenAPersonApproves() {
    BudgetLedger ledger = new BudgetLedger(Budget.dollars(0.001), Budget.UNLIMITED, BudgetPolicy.ASK_HUMAN);
    List<HumanQuestion> asked = new ArrayList<>();

    RoutedResponse approved = registry(ledger, (q, t) -> {
      asked.add(q);
      return HumanAnswer.approve("fine this once");
    }).chat(small, run);

    assertThat(approved.answeredBy()).isEqualTo(new ModelRef("remote", "pricey"));
    assertThat(asked).singleElement().satisfies(q -> {
      assertThat(q.runId()).isEqualTo("run-1");
      assertThat(q.details()).contains("remote/pricey").contains("budget of run 'run-1'");
      assertThat(q.context()).containsEntry("task.id", "t1");
    });

    assertThatThrownBy(() -> registry(ledger, (q, t) -> HumanAnswer.deny("too expensive")).chat(small, run))
        .isInstanceOf(BudgetExceededException.class).hasMessageContaining("a human denied the call: too expensive");
    assertThatThrownBy(() -> registry(ledger, io.nootropic.api.agent.HumanInTheLoop.NOBODY).chat(small, run))
        .isInstanceOf(BudgetExceededException.class).hasMessageContaining("nobody approved within 1 s");
  }
}
