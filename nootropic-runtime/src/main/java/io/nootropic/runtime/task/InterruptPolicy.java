package io.nootropic.runtime.task;

/// What happens, on resume, to a task that was running when the process stopped.
public enum InterruptPolicy {
  /// Run it again (at-least-once; the task sees the same idempotency key).
  RETRY,
  /// Mark it failed, which skips its dependants.
  FAIL
}
