package io.nootropic.context;

/// Receives progress while a workspace is indexed (called on the indexing thread; keep it quick).
@FunctionalInterface
public interface IndexProgress {

  /// Ignores progress.
  IndexProgress NONE = p -> { };

  /// Called after each file and each embedding batch.
  void onProgress(Snapshot progress);

  /// Called right before each Lucene commit (intermediate and final).
  default void onCommit(Snapshot progress) { }

  /// Progress so far.
  ///
  /// @param filesSeen      files the walker accepted
  /// @param filesChanged   of those, new or changed files (re-chunked)
  /// @param chunksIndexed  chunks written
  /// @param chunksEmbedded chunks embedded
  /// @param bytesRead      bytes of accepted files
  /// @param elapsedNanos   time since the run started
  record Snapshot(int filesSeen, int filesChanged, long chunksIndexed, long chunksEmbedded, long bytesRead,
      long elapsedNanos) { }
}
