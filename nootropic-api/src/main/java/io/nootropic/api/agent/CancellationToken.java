package io.nootropic.api.agent;

import java.util.concurrent.CancellationException;

/// Cooperative cancellation: long work polls [#isCancelled()] or calls [#throwIfCancelled()].
public interface CancellationToken {

  /// A token that is never cancelled.
  CancellationToken NONE = () -> false;

  /// Whether cancellation was requested.
  boolean isCancelled();

  /// Throws [CancellationException] if cancellation was requested.
  default void throwIfCancelled() {
    if (isCancelled()) {
      throw new CancellationException("cancelled");
    }
  }
}
