package io.nootropic.cli.retrieval;

import io.nootropic.context.IndexProgress;
import java.io.PrintStream;
import java.util.Locale;

/// Prints indexing progress on stderr at most four times a second, on one rewritten line.
final class IndexProgressPrinter implements IndexProgress {

  private final PrintStream err;
  private final boolean quiet;
  private long lastNanos;
  private boolean printed;

  IndexProgressPrinter(PrintStream err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
  }

  @Override
  public void onProgress(Snapshot p) {
    if (quiet) {
      return;
    }
    long now = System.nanoTime();
    if (printed && now - lastNanos < 250_000_000L) {
      return;
    }
    lastNanos = now;
    printed = true;
    double secs = Math.max(1e-9, p.elapsedNanos() / 1e9);
    err.printf(Locale.ROOT, "\rindexing: %d files (%d changed), %d chunks, %d embedded, %.1f MB, %.0f files/s   ",
        p.filesSeen(), p.filesChanged(), p.chunksIndexed(), p.chunksEmbedded(), p.bytesRead() / 1e6,
        p.filesSeen() / secs);
    err.flush();
  }

  /// Ends the progress line.
  void done() {
    if (printed && !quiet) {
      err.println();
    }
  }
}
