package io.nootropic.context;

import io.nootropic.context.walk.WalkReport;

/// What one indexing run did.
///
/// @param filesSeen      text files accepted by the walker
/// @param filesChanged   new or changed files, re-chunked and re-written
/// @param filesUnchanged files whose hash matched the index, left alone
/// @param filesDeleted   files gone from the workspace, removed from the index
/// @param chunksAdded    chunks written
/// @param chunksEmbedded chunks embedded
/// @param bytesRead      bytes of accepted files
/// @param elapsedNanos   duration
/// @param totalChunks    chunks in the index after the run
/// @param walk           the walker's report (ignored files, problems)
/// @param rebuilt        whether the whole index was rebuilt (new, or embedding model changed)
public record IndexStats(int filesSeen, int filesChanged, int filesUnchanged, int filesDeleted, long chunksAdded,
    long chunksEmbedded, long bytesRead, long elapsedNanos, long totalChunks, WalkReport walk, boolean rebuilt) {

  /// Accepted files per second.
  public double filesPerSecond() {
    return elapsedNanos == 0 ? 0 : filesSeen * 1e9 / elapsedNanos;
  }

  /// Megabytes (10^6 bytes) of accepted files per second.
  public double megabytesPerSecond() {
    return elapsedNanos == 0 ? 0 : bytesRead / 1e6 * 1e9 / elapsedNanos;
  }
}
