package io.nootropic.runtime.task;

import java.time.Duration;
import java.util.Objects;

/// How often and how patiently a failed task is retried (exponential backoff).
///
/// @param maxAttempts    attempts in total, at least 1 (1 means no retry)
/// @param initialBackoff wait before the first retry
/// @param multiplier     factor applied to the wait after each retry, at least 1
/// @param maxBackoff     longest wait
public record RetrySpec(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

  /// Three attempts, 100 ms then doubling, at most 5 s.
  public static final RetrySpec DEFAULT = new RetrySpec(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(5));

  /// A single attempt.
  public static final RetrySpec NONE = new RetrySpec(1, Duration.ofMillis(1), 1.0, Duration.ofMillis(1));

  /// Checks the fields.
  public RetrySpec {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be a finite number >= 1, was " + multiplier);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
  }

  /// `attempts` attempts with the default backoff.
  public static RetrySpec attempts(int attempts) {
    return new RetrySpec(attempts, DEFAULT.initialBackoff, DEFAULT.multiplier, DEFAULT.maxBackoff);
  }
}
