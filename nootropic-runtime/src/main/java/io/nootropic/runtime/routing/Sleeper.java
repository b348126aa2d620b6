package io.nootropic.runtime.routing;

import java.time.Duration;

/// Waits between attempts; tests inject one that records instead of sleeping.
@FunctionalInterface
public interface Sleeper {

  /// Sleeps with [Thread#sleep(Duration)].
  Sleeper SYSTEM = Thread::sleep;

  /// Waits for `duration`.
  void sleep(Duration duration) throws InterruptedException;
}
