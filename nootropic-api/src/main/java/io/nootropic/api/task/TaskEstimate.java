package io.nootropic.api.task;

import java.time.Duration;
import java.util.Objects;

/// How long and how much a task is expected to take.
///
/// @param duration expected wall-clock duration, not negative
/// @param costUsd  expected cost in US dollars, not negative
public record TaskEstimate(Duration duration, double costUsd) {

  /// A zero estimate.
  public static final TaskEstimate ZERO = new TaskEstimate(Duration.ZERO, 0);

  /// Checks the fields.
  public TaskEstimate {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("estimated duration must not be negative, was " + duration);
    }
    if (!(costUsd >= 0) || Double.isInfinite(costUsd)) {
      throw new IllegalArgumentException("estimated cost must be a finite number >= 0, was " + costUsd);
    }
  }

  /// An estimate of a duration with no cost.
  public static TaskEstimate of(Duration duration) {
    return new TaskEstimate(duration, 0);
  }
}
