package io.nootropic.cli.retrieval;

import io.nootropic.cli.common.Progress;
import io.nootropic.context.IndexProgress;
import java.util.Locale;

/// Indexing progress through [Progress]: rewritten in place on a terminal, periodic lines
/// elsewhere, nothing with `--quiet`.
final class IndexProgressPrinter implements IndexProgress {

  private final Progress progress;

  IndexProgressPrinter(Progress progress) {
    this.progress = progress;
  }

  @Override
  public void onProgress(Snapshot p) {
    double secs = Math.max(1e-9, p.elapsedNanos() / 1e9);
    progress.update(String.format(Locale.ROOT, "indexing: %d files (%d changed), %d chunks, %d embedded, %.1f MB, %.0f files/s",
        p.filesSeen(), p.filesChanged(), p.chunksIndexed(), p.chunksEmbedded(), p.bytesRead() / 1e6,
        p.filesSeen() / secs));
  }

  /// Ends the progress line.
  void done() {
    progress.done();
  }
}
