package io.nootropic.runtime.reflexion;

import io.nootropic.api.agent.HumanAnswer;
import io.nootropic.api.agent.HumanInTheLoop;
import io.nootropic.api.agent.HumanQuestion;
import io.nootropic.api.event.EventSink;
import io.nootropic.runtime.routing.ModelCallException;
import io.nootropic.runtime.routing.ProviderException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Runs agent steps as a Reflexion state machine: attempt, observe, and on failure repair by the
/// first matching rule of a [RepairPolicy] (retry with revisions, roll back to the last good
/// checkpoint, switch model, escalate to a person), until the step succeeds, no rule matches, or
/// the policy's `maxAttempts` is reached. Every transition is published on the event bus
/// (topic `reflexion.transition`) and appended to the run's journal.
public final class ReflexionEngine {

  private static final Logger LOG = LoggerFactory.getLogger(ReflexionEngine.class);

  private final RepairPolicy policy;
  private final EventSink events;
  private final ReflexionJournal journal;
  private final HumanInTheLoop human;
  private final Clock clock;

  private ReflexionEngine(Builder b) {
    policy = b.policy;
    events = b.events;
    journal = b.journal;
    human = b.human;
    clock = b.clock;
  }

  /// Starts a builder for an engine applying `policy`.
  public static Builder builder(RepairPolicy policy) {
    return new Builder(policy);
  }

  /// The policy applied.
  public RepairPolicy policy() {
    return policy;
  }

  /// Runs a step with no checkpoints.
  public <T> ReflexionResult<T> run(String runId, String agentId, String step, ReflexiveStep<T> body) {
    return run(runId, agentId, step, body, Checkpointer.NONE);
  }

  /// Runs a step until it succeeds or the policy gives up.
  ///
  /// @param runId       the run (for events and the journal)
  /// @param agentId     the agent
  /// @param step        the step's name
  /// @param body        the step
  /// @param checkpoints saves the state before the first attempt and restores it on rollback
  /// @return the result and every transition
  /// @throws ReflexionFailedException with the whole story when the step cannot be healed
  public <T> ReflexionResult<T> run(String runId, String agentId, String step, ReflexiveStep<T> body, Checkpointer checkpoints) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(checkpoints, "checkpoints");
    List<ReflexionEvent> story = new ArrayList<>();
    Emitter emit = (attempt, from, to, observation, outcome) -> {
      ReflexionEvent e = new ReflexionEvent(clock.instant(), runId, agentId, step, attempt, from, to, observation, outcome);
      story.add(e);
      journal.append(e);
      events.publish(e);
    };
    String lastGood = checkpoints.save();
    Revision revision = Revision.NONE;
    List<StepOutcome.Failure<?>> failures = new ArrayList<>();
    Map<String, Integer> uses = new HashMap<>();
    emit.emit(1, ReflexionState.START, ReflexionState.ATTEMPTING, "checkpoint " + lastGood, "attempt");
    for (int attempt = 1; ; attempt++) {
      StepOutcome<T> outcome;
      try {
        outcome = body.attempt(new StepContext(runId, agentId, step, attempt, revision, failures));
        if (outcome == null) {
          outcome = StepOutcome.error("NullOutcome", "the step returned no outcome");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        emit.emit(attempt, ReflexionState.ATTEMPTING, ReflexionState.FAILED, "interrupted", "failed: interrupted");
        throw new ReflexionFailedException("step " + step + " was interrupted", story);
      } catch (Exception e) {
        outcome = new StepOutcome.Failure<>(errorType(e), null, String.valueOf(e.getMessage()));
      }
      if (outcome instanceof StepOutcome.Success<T> s) {
        emit.emit(attempt, ReflexionState.ATTEMPTING, ReflexionState.SUCCEEDED, s.observation(), "succeeded");
        return new ReflexionResult<>(s.value(), attempt, story);
      }
      StepOutcome.Failure<?> f = (StepOutcome.Failure<?>) outcome;
      failures.add(f);
      String observed = describe(f);
      if (attempt >= policy.maxAttempts()) {
        emit.emit(attempt, ReflexionState.ATTEMPTING, ReflexionState.FAILED, observed,
            "failed: maxAttempts " + policy.maxAttempts() + " reached");
        throw new ReflexionFailedException("step " + step + " failed " + attempt + " times (maxAttempts " + policy.maxAttempts() + ")", story);
      }
      RepairRule rule = select(f, failures.size(), uses);
      if (rule == null) {
        emit.emit(attempt, ReflexionState.ATTEMPTING, ReflexionState.FAILED, observed, "failed: no repair rule matches");
        throw new ReflexionFailedException("step " + step + " failed and no repair rule matches " + observed, story);
      }
      uses.merge(rule.name(), 1, Integer::sum);
      emit.emit(attempt, ReflexionState.ATTEMPTING, ReflexionState.REPAIRING, observed,
          rule.action().externalName() + " (rule " + rule.name() + ", use " + uses.get(rule.name()) + " of " + rule.maxTimes() + ")");
      switch (rule.action()) {
        case RETRY, SWITCH_MODEL -> revision = revision.then(rule.revise());
        case ROLLBACK -> {
          checkpoints.restore(lastGood);
          revision = revision.then(rule.revise());
          LOG.debug("step {}: rolled back to checkpoint {}", step, lastGood);
        }
        case ESCALATE -> {
          String question = rule.question().isEmpty() ? "Step '" + step + "' keeps failing. Retry with your guidance?" : rule.question();
          emit.emit(attempt, ReflexionState.REPAIRING, ReflexionState.ESCALATED, question, "escalate (rule " + rule.name() + ")");
          HumanAnswer answer = human.ask(new HumanQuestion(runId, question, storyText(story),
              List.of("retry", "abort"), Map.of("agent.id", agentId, "step", step, "approval.kind", "escalation")), rule.timeout());
          if (answer.approved() || answer.timedOut() && rule.retryOnTimeout()) {
            String said = answer.timedOut() ? "no answer within " + rule.timeout().toSeconds() + " s; retrying as the rule says"
                : "approved" + (answer.guidance().isEmpty() ? "" : ": " + answer.guidance());
            emit.emit(attempt, ReflexionState.ESCALATED, ReflexionState.REPAIRING, said, "human");
            revision = revision.then(rule.revise()).then(new Revision(null, null, null, null, answer.guidance()));
          } else {
            String said = answer.timedOut() ? "no answer within " + rule.timeout().toSeconds() + " s"
                : "denied" + (answer.guidance().isEmpty() ? "" : ": " + answer.guidance());
            emit.emit(attempt, ReflexionState.ESCALATED, ReflexionState.FAILED, said, "failed: human");
            throw new ReflexionFailedException("step " + step + " escalated and the human did not approve a retry (" + said + ")", story);
          }
        }
      }
      emit.emit(attempt + 1, ReflexionState.REPAIRING, ReflexionState.ATTEMPTING, revisionText(revision), "attempt");
    }
  }

  /// The first rule matching the failure that still has uses, following `next` links from a
  /// matching rule that is used up. The links are acyclic (checked by the parser), so this ends.
  private RepairRule select(StepOutcome.Failure<?> f, int failures, Map<String, Integer> uses) {
    for (RepairRule r : policy.rules()) {
      if (!r.matches(f, failures)) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      RepairRule candidate = r;
      while (candidate != null && seen.add(candidate.name())) {
        if (uses.getOrDefault(candidate.name(), 0) < candidate.maxTimes()) {
          return candidate;
        }
        candidate = candidate.next() == null ? null : policy.rule(candidate.next()).orElse(null);
      }
    }
    return null;
  }

  private static String errorType(Exception e) {
    if (e instanceof ModelCallException mce) {
      return mce.kind().name();
    }
    if (e instanceof ProviderException pe) {
      return pe.kind().name();
    }
    return e.getClass().getSimpleName();
  }

  private static String describe(StepOutcome.Failure<?> f) {
    StringBuilder sb = new StringBuilder();
    if (f.errorType() != null) {
      sb.append(f.errorType());
    }
    if (f.failedCheck() != null) {
      sb.append(sb.isEmpty() ? "" : ", ").append("check '").append(f.failedCheck()).append("' failed");
    }
    if (f.observation() != null && !f.observation().isEmpty()) {
      sb.append(sb.isEmpty() ? "" : ": ").append(f.observation());
    }
    return sb.toString();
  }

  private static String revisionText(Revision r) {
    List<String> parts = new ArrayList<>();
    if (r.temperature() != null) {
      parts.add("temperature " + r.temperature());
    }
    if (r.maxTokens() != null) {
      parts.add("maxTokens " + r.maxTokens());
    }
    if (r.model() != null) {
      parts.add("model " + r.model());
    }
    if (r.promptAppend() != null) {
      parts.add("prompt + \"" + r.promptAppend().replace('\n', ' ') + "\"");
    }
    if (r.guidance() != null) {
      parts.add("guidance \"" + r.guidance().replace('\n', ' ') + "\"");
    }
    return parts.isEmpty() ? "no revisions" : String.join(", ", parts);
  }

  private static String storyText(List<ReflexionEvent> story) {
    StringBuilder sb = new StringBuilder();
    for (ReflexionEvent e : story) {
      sb.append(e.summary()).append('\n');
    }
    return sb.toString();
  }

  @FunctionalInterface
  private interface Emitter {
    void emit(int attempt, ReflexionState from, ReflexionState to, String observation, String outcome);
  }

  /// Builds a [ReflexionEngine].
  public static final class Builder {
    private final RepairPolicy policy;
    private EventSink events = EventSink.NONE;
    private ReflexionJournal journal = ReflexionJournal.NONE;
    private HumanInTheLoop human = HumanInTheLoop.NOBODY;
    private Clock clock = Clock.systemUTC();

    private Builder(RepairPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /// Where transitions are published (the runtime's event bus).
    public Builder events(EventSink events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /// Where transitions are persisted (the run's journal).
    public Builder journal(ReflexionJournal journal) {
      this.journal = Objects.requireNonNull(journal, "journal");
      return this;
    }

    /// Who answers escalations.
    public Builder human(HumanInTheLoop human) {
      this.human = Objects.requireNonNull(human, "human");
      return this;
    }

    /// The clock stamping events.
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /// Builds the engine.
    public ReflexionEngine build() {
      return new ReflexionEngine(this);
    }
  }
}
