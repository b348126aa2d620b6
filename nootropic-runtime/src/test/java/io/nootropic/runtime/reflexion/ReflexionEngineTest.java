package io.nootropic.runtime.reflexion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.agent.HumanAnswer;
import io.nootropic.api.agent.HumanQuestion;
import io.nootropic.runtime.event.EventBus;
import io.nootropic.runtime.event.SubscriberOptions;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.JournalRecord;
import io.nootropic.runtime.routing.FailureKind;
import io.nootropic.runtime.routing.ProviderException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReflexionEngineTest {

  static final String POLICY = """
      maxAttempts: 6
      rules:
        - name: transient
          match:
            errorType: [RATE_LIMITED, SocketTimeoutException]
          action: retry
          maxTimes: 2
          revise:
            temperature: 0.1
            promptAppend: "Answer in one line."
        - name: broken-build
          match:
            failedCheck: tests
          action: rollback
          maxTimes: 1
          revise:
            promptAppend: "The tests failed; keep the public API."
        - name: weak-answer
          match:
            failedCheck: review
          action: retry
          maxTimes: 1
          next: ask
        - name: ask
          match:
            failedCheck: review
          action: escalate
          question: "The reviewer keeps rejecting the answer. Retry with your guidance?"
          timeoutSeconds: 5
        - name: bigger-model
          match:
            errorType: QualityTooLow
          action: switchModel
          model: remote/smart
      """;

  final RepairPolicy policy = RepairPolicyParser.parse("policy.yaml", POLICY);

  static List<ReflexionEvent> awaitEvents(List<ReflexionEvent> events, int n) throws InterruptedException {
    for (int i = 0; i < 500 && events.size() < n; i++) {
      Thread.sleep(10);
    }
    return events;
  }

  @Test
  void aFailingTaskHealsByRetryAndEveryTransitionReachesTheBusAndTheJournal(@TempDir Path dir) throws Exception {
    List<ReflexionEvent> onBus = new CopyOnWriteArrayList<>();
    List<StepContext> seen = new ArrayList<>();
    try (EventBus bus = EventBus.create("test");
         FileTaskStore store = FileTaskStore.open(dir)) {
      bus.subscribe(ReflexionEvent.TOPIC, ReflexionEvent.class, onBus::add, SubscriberOptions.DEFAULT);
      ReflexionEngine engine = ReflexionEngine.builder(policy).events(bus).journal(ReflexionJournal.of(store)).build();

      ReflexionResult<String> r = engine.run("run-1", "coder", "write-code", ctx -> {
        seen.add(ctx);
        if (ctx.attempt() == 1) {
          throw new ProviderException(FailureKind.RATE_LIMITED, "429 from remote");
        }
        return StepOutcome.success("done at " + ctx.revision().temperature(), "compiled");
      });

      assertThat(r.value()).isEqualTo("done at 0.1");
      assertThat(r.attempts()).isEqualTo(2);
      assertThat(seen.get(1).revision().promptAppend()).isEqualTo("Answer in one line.");
      assertThat(seen.get(1).previous()).singleElement().satisfies(f -> assertThat(f.errorType()).isEqualTo("RATE_LIMITED"));
      assertThat(r.transitions()).extracting(ReflexionEvent::from, ReflexionEvent::to).containsExactly(
          org.assertj.core.groups.Tuple.tuple(ReflexionState.START, ReflexionState.ATTEMPTING),
          org.assertj.core.groups.Tuple.tuple(ReflexionState.ATTEMPTING, ReflexionState.REPAIRING),
          org.assertj.core.groups.Tuple.tuple(ReflexionState.REPAIRING, ReflexionState.ATTEMPTING),
          org.assertj.core.groups.Tuple.tuple(ReflexionState.ATTEMPTING, ReflexionState.SUCCEEDED));
      assertThat(r.transitions().get(1).observation()).contains("RATE_LIMITED").contains("429 from remote");
      assertThat(r.transitions().get(1).outcome()).startsWith("retry (rule transient");
      assertThat(awaitEvents(onBus, 4)).containsExactlyElementsOf(r.transitions());
    }
    try (FileTaskStore reopened = FileTaskStore.open(dir)) {
      List<JournalRecord> records = reopened.recovery().records().stream()
          .filter(rec -> rec.type().equals(ReflexionEvent.TOPIC)).toList();
      assertThat(records).hasSize(4);
      assertThat(records).allSatisfy(rec -> assertThat(rec.runId()).isEqualTo("run-1"));
      assertThat(records.get(1).data().get("outcome").asText()).startsWith("retry");
      assertThat(records.get(3).data().get("to").asText()).isEqualTo("SUCCEEDED");
      assertThat(records.get(3).data().get("attempt").asInt()).isEqualTo(2);
    }
  }

  @Test
  void aTaskHealsByRollbackToTheLastGoodCheckpointThenRetry() {
    Map<String, String> workspace = new HashMap<>(Map.of("Main.java", "class Main {}"));
    Map<String, Map<String, String>> saved = new HashMap<>();
    Checkpointer checkpoints = new Checkpointer() {
      @Override
      public String save() {
        String id = "cp" + saved.size();
        saved.put(id, new HashMap<>(workspace));
        return id;
      }

      @Override
      public void restore(String id) {
        workspace.clear();
        workspace.putAll(saved.get(id));
      }
    };
    ReflexionEngine engine = ReflexionEngine.builder(policy).build();

    ReflexionResult<String> r = engine.run("run-2", "coder", "refactor", ctx -> {
      if (!workspace.equals(Map.of("Main.java", "class Main {}"))) {
        return StepOutcome.error("DirtyWorkspace", "attempt started on a dirty workspace: " + workspace);
      }
      if (ctx.attempt() == 1) {
        workspace.put("Main.java", "class Main { broken");
        workspace.put("Tmp.java", "junk");
        return StepOutcome.failedCheck("tests", "3 tests failed");
      }
      assertThat(ctx.revision().promptAppend()).contains("keep the public API");
      workspace.put("Main.java", "class Main { void run() {} }");
      return StepOutcome.success("refactored", "tests green");
    }, checkpoints);

    assertThat(r.attempts()).isEqualTo(2);
    assertThat(workspace).containsExactly(Map.entry("Main.java", "class Main { void run() {} }"));
    assertThat(r.transitions()).extracting(ReflexionEvent::outcome).anySatisfy(o -> assertThat(o).startsWith("rollback (rule broken-build"));
    assertThat(r.transitions().get(1).observation()).contains("check 'tests' failed");
  }

  @Test
  void aTaskEscalatesAndTheHumansAnswerIsApplied() {
    List<HumanQuestion> asked = new ArrayList<>();
    List<Duration> waited = new ArrayList<>();
    ReflexionEngine engine = ReflexionEngine.builder(policy).human((q, timeout) -> {
      asked.add(q);
      waited.add(timeout);
      return HumanAnswer.approve("use the builder pattern");
    }).build();

    ReflexionResult<String> r = engine.run("run-3", "coder", "design", ctx -> {
      String guidance = ctx.revision().guidance();
      if (guidance != null && guidance.contains("builder")) {
        return StepOutcome.success("Widget.builder()", "review passed with human guidance");
      }
      return StepOutcome.failedCheck("review", "reviewer: constructor has 9 parameters");
    });

    assertThat(r.value()).isEqualTo("Widget.builder()");
    assertThat(r.attempts()).isEqualTo(3); // retry once (weak-answer), then it is used up and 'ask' takes over
    assertThat(asked).singleElement().satisfies(q -> {
      assertThat(q.subject()).isEqualTo("The reviewer keeps rejecting the answer. Retry with your guidance?");
      assertThat(q.details()).contains("attempt 1").contains("constructor has 9 parameters").contains("retry (rule weak-answer");
      assertThat(q.runId()).isEqualTo("run-3");
    });
    assertThat(waited).containsExactly(Duration.ofSeconds(5));
    assertThat(r.transitions()).extracting(ReflexionEvent::to).contains(ReflexionState.ESCALATED);
    assertThat(r.transitions()).anySatisfy(e -> {
      assertThat(e.from()).isEqualTo(ReflexionState.ESCALATED);
      assertThat(e.observation()).isEqualTo("approved: use the builder pattern");
    });
  }

  @Test
  void aDeniedEscalationFailsWithTheWholeStory() {
    ReflexionEngine engine = ReflexionEngine.builder(policy).human((q, t) -> HumanAnswer.deny("stop here")).build();

    assertThatThrownBy(() -> engine.run("run-4", "coder", "design", ctx -> StepOutcome.failedCheck("review", "still bad")))
        .isInstanceOfSatisfying(ReflexionFailedException.class, e -> {
          assertThat(e.getMessage()).contains("the human did not approve a retry (denied: stop here)")
              .contains("attempt 1: ATTEMPTING -> REPAIRING").contains("attempt 2: REPAIRING -> ESCALATED");
          assertThat(e.transitions().getLast().to()).isEqualTo(ReflexionState.FAILED);
        });
  }

  @Test
  void switchModelRevisesTheModelOfTheNextAttempt() {
    List<String> models = new ArrayList<>();
    ReflexionResult<String> r = ReflexionEngine.builder(policy).build().run("run-5", "coder", "answer", ctx -> {
      models.add(ctx.revision().model());
      return ctx.attempt() == 1 ? StepOutcome.error("QualityTooLow", "score 0.2") : StepOutcome.success("ok", "");
    });

    assertThat(models).containsExactly(null, "remote/smart");
    assertThat(r.attempts()).isEqualTo(2);
  }

  @Test
  void aFailureNoRuleMatchesEndsTheStepAtOnce() {
    List<Integer> attempts = new ArrayList<>();
    assertThatThrownBy(() -> ReflexionEngine.builder(policy).build().run("run-6", "coder", "x", ctx -> {
      attempts.add(ctx.attempt());
      return StepOutcome.error("OutOfMemoryError", "heap");
    })).isInstanceOf(ReflexionFailedException.class).hasMessageContaining("no repair rule matches OutOfMemoryError: heap");
    assertThat(attempts).containsExactly(1);
  }

  @Test
  void everyStepIsBoundedByMaxAttempts() {
    RepairPolicy always = RepairPolicyParser.parse("p", """
        maxAttempts: 4
        rules:
          - name: again
            action: retry
        """);
    List<Integer> attempts = new ArrayList<>();

    assertThatThrownBy(() -> ReflexionEngine.builder(always).build().run("r", "a", "s", ctx -> {
      attempts.add(ctx.attempt());
      throw new IllegalStateException("always");
    })).isInstanceOf(ReflexionFailedException.class).hasMessageContaining("failed 4 times (maxAttempts 4)");
    assertThat(attempts).containsExactly(1, 2, 3, 4);
  }
}
