package io.nootropic.runtime.journal;

import com.fasterxml.jackson.databind.JsonNode;

/// Durable, ordered storage of task-graph state changes: the persistence SPI of the task graph.
///
/// A store is a log of [JournalRecord]s plus an optional [Snapshot] that replaces every record up
/// to its sequence. [#append] returns only once the record is as durable as the store promises
/// (the embedded [FileTaskStore] fsyncs per record or per group commit). Implementations are
/// thread-safe. A host plugs its own store (a database, a replicated log) by implementing this
/// interface; the embedded default is [FileTaskStore].
///
/// @since 0.1
public interface TaskStore extends AutoCloseable {

  /// The snapshot and records present when the store was opened, after any tail repair.
  Recovery recovery();

  /// Appends a record and returns it with its sequence number and time.
  ///
  /// @throws StoreFailedException when the record could not be made durable; the store then
  ///     refuses every further write
  /// @throws StoreClosedException when the store is closed
  JournalRecord append(String runId, String type, JsonNode data);

  /// Appends a record without waiting for it to become durable; the caller must call
  /// [#awaitDurable(long)] before acting on it (acknowledging it, or starting work it allows).
  /// Records become durable in order, so a durable record implies every earlier one is. This lets
  /// an owner release its own lock before the `fsync`, so concurrent writers share one (group
  /// commit). The default appends durably.
  default JournalRecord appendDeferred(String runId, String type, JsonNode data) {
    return append(runId, type, data);
  }

  /// Waits until the record with sequence `seq` (and so every earlier one) is durable.
  ///
  /// @throws StoreFailedException when forcing it to stable storage failed
  default void awaitDurable(long seq) {}

  /// Sequence of the last appended record (0 for an empty store).
  long lastSeq();

  /// Durably stores a snapshot of the owner's state as of [#lastSeq()] and may drop the records it
  /// covers (compaction). The caller must not append concurrently.
  void snapshot(JsonNode state);

  /// Releases files and handles. Idempotent.
  @Override
  void close();
}
