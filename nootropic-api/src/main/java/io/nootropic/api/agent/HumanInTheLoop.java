package io.nootropic.api.agent;

import java.time.Duration;

/// Asks a person to approve or steer something an agent cannot settle alone: a budget overrun,
/// a failure no repair policy healed, a risky change.
///
/// Implementations must return within `timeout`; when nobody answers in time they return
/// [HumanAnswer#noAnswer()]. A console implementation lives in the CLI; hosts plug in their own UI.
///
/// @since 0.1
@FunctionalInterface
public interface HumanInTheLoop {

  /// Nobody is there: every question times out at once.
  HumanInTheLoop NOBODY = (question, timeout) -> HumanAnswer.noAnswer();

  /// Asks a question and waits at most `timeout` for the answer.
  HumanAnswer ask(HumanQuestion question, Duration timeout);
}
