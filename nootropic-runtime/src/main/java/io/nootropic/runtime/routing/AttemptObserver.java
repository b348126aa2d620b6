package io.nootropic.runtime.routing;

import io.nootropic.api.model.ChatResponse;
import java.time.Duration;

/// Watches the attempts of a [ProviderGuard], e.g. to trace and measure them. Both methods are
/// called on the caller's thread, `started` then `finished` for each attempt.
public interface AttemptObserver {

  /// Ignores everything.
  AttemptObserver NONE = new AttemptObserver() { };

  /// An attempt is about to call the model.
  default void started(ModelRef model, int number) { }

  /// An attempt ended.
  ///
  /// @param attempt  what happened
  /// @param response the answer when it succeeded, else `null`
  /// @param ttft     time to the first streamed token, or `null`
  /// @param error    the error when it failed, else `null`
  default void finished(Attempt attempt, ChatResponse response, Duration ttft, Throwable error) { }
}
