package io.nootropic.runtime.journal;

/// When the embedded journal forces appended records to stable storage.
public enum SyncPolicy {
  /// Every append calls `fsync` before it returns: safest, slowest.
  EVERY_RECORD,
  /// Concurrent appends share one `fsync` (group commit); each append still returns only once its
  /// record is durable.
  GROUP,
  /// Never forces; a crash of the machine (not of the process) may lose recent records. For tests
  /// and throw-away runs only.
  NONE
}
