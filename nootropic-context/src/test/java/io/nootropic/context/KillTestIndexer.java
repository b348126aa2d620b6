package io.nootropic.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/// The child process of [IndexKillTest]: forever changes and deletes some files, then re-indexes,
/// committing every few files; prints `COMMIT` right before each commit.
public final class KillTestIndexer {

  private KillTestIndexer() { }

  /// Arguments: workspace, seed.
  public static void main(String[] args) throws IOException {
    Path ws = Path.of(args[0]);
    Random rnd = new Random(Long.parseLong(args[1]));
    IndexConfig config = IndexConfig.custom(ws)
        .embeddingModel(new io.nootropic.context.embed.HashingEmbeddingModel(64))
        .commitEvery(3)
        .embedBatch(8)
        .build();
    IndexProgress progress = new IndexProgress() {
      @Override
      public void onProgress(Snapshot p) { }

      @Override
      public void onCommit(Snapshot p) {
        System.out.println("COMMIT " + p.filesSeen());
        System.out.flush();
      }
    };
    try (CodeIndex index = CodeIndex.open(config)) {
      for (int round = 0; ; round++) {
        for (int i = 0; i < 20; i++) {
          int f = rnd.nextInt(IndexKillTest.FILES);
          Files.writeString(IndexKillTest.file(ws, f), IndexKillTest.source(f, rnd.nextInt(1_000_000)));
        }
        Files.deleteIfExists(IndexKillTest.file(ws, rnd.nextInt(IndexKillTest.FILES)));
        index.index(progress);
        System.out.println("ROUND " + round);
        System.out.flush();
      }
    }
  }
}
