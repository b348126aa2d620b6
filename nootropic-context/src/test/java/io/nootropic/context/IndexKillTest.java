package io.nootropic.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.retrieval.SearchMode;
import io.nootropic.api.retrieval.SearchQuery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Kills an indexing child JVM (SIGKILL) at random moments, including right as it starts a
/// commit, and checks every time that the last committed index opens clean under `CheckIndex`
/// and can be indexed further. Iterations: system property `nootropic.killtest.iterations`
/// (default 5).
class IndexKillTest {

  static final int FILES = 60;

  static Path file(Path ws, int i) {
    return ws.resolve("src/pkg" + (i % 6) + "/Unit" + i + ".java");
  }

  static String source(int i, int salt) {
    StringBuilder sb = new StringBuilder("package pkg" + (i % 6) + ";\n\npublic class Unit" + i + " {\n");
    for (int m = 0; m < 6; m++) {
      sb.append("  /** Computes value ").append(m).append(" of unit ").append(i).append(". */\n")
          .append("  public int compute").append(m).append("Value").append(salt % 97).append("(int x) {\n")
          .append("    int acc = x * ").append(salt + m).append(";\n")
          .append("    for (int k = 0; k < ").append(m + 3).append("; k++) {\n      acc += k ^ ").append(i).append(";\n    }\n")
          .append("    return acc;\n  }\n\n");
    }
    return sb.append("}\n").toString();
  }

  @Test
  void aKilledIndexerLeavesTheLastCommitIntact(@TempDir Path ws) throws Exception {
    for (int i = 0; i < FILES; i++) {
      Path p = file(ws, i);
      Files.createDirectories(p.getParent());
      Files.writeString(p, source(i, i));
    }
    int iterations = Integer.getInteger("nootropic.killtest.iterations", 5);
    long seed = Long.getLong("nootropic.killtest.seed", System.nanoTime());
    Random rnd = new Random(seed);
    List<String> log = new ArrayList<>();
    Path indexDir = IndexConfig.defaultIndexDir(ws);
    // the first committed index, which every kill below must leave intact (or replace by a newer commit)
    try (CodeIndex index = CodeIndex.open(IndexConfig.custom(ws)
        .embeddingModel(new io.nootropic.context.embed.HashingEmbeddingModel(64)).build())) {
      index.index(IndexProgress.NONE);
    }
    for (int it = 0; it < iterations; it++) {
      boolean atCommit = it % 2 == 0;     // alternate: kill as a commit starts, or at a random time
      long delayMs = 50 + rnd.nextInt(800);
      Process child = new ProcessBuilder(javaBin(), "--add-modules", "jdk.incubator.vector",
          "-cp", System.getProperty("java.class.path"), KillTestIndexer.class.getName(), ws.toString(), Long.toString(seed + it))
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        if (atCommit) {
          // skip a random number of commits, then kill the moment the next one begins
          int skip = rnd.nextInt(6);
          String line;
          int commits = 0;
          while ((line = out.readLine()) != null) {
            if (line.startsWith("COMMIT") && commits++ >= skip) {
              break;
            }
          }
          child.destroyForcibly();
          log.add("iteration " + it + ": killed at commit " + commits);
        } else {
          long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500 + delayMs);
          // wait for a first commit so there is something to protect, then a random delay
          String line;
          while ((line = out.readLine()) != null && !line.startsWith("COMMIT") && System.nanoTime() < deadline) {
            // reading
          }
          Thread.sleep(delayMs);
          child.destroyForcibly();
          log.add("iteration " + it + ": killed after " + delayMs + " ms");
        }
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exits after kill").isTrue();
      assertCleanIndex(indexDir, log);
    }
    // the survivor index can be brought up to date and searched
    try (CodeIndex index = CodeIndex.open(IndexConfig.custom(ws)
        .embeddingModel(new io.nootropic.context.embed.HashingEmbeddingModel(64)).build())) {
      IndexStats s = index.index(IndexProgress.NONE);
      long files;
      try (var stream = Files.walk(ws.resolve("src"))) {
        files = stream.filter(Files::isRegularFile).count();
      }
      assertThat(s.filesSeen()).isEqualTo((int) files);
      try (IndexSnapshot snap = index.snapshot()) {
        assertThat(snap.search(SearchQuery.of("compute value", 5, SearchMode.HYBRID))).hasSize(5);
      }
      IndexStats again = index.index(IndexProgress.NONE);
      assertThat(again.filesChanged()).as("nothing left to redo after recovery").isZero();
    }
    assertCleanIndex(indexDir, log);
  }

  private static void assertCleanIndex(Path indexDir, List<String> log) throws IOException {
    try (Directory dir = FSDirectory.open(indexDir)) {
      assertThat(DirectoryReader.indexExists(dir)).as("a commit exists; %s", log).isTrue();
      try (CheckIndex check = new CheckIndex(dir)) {
        CheckIndex.Status status = check.checkIndex();
        assertThat(status.clean).as("CheckIndex clean; %s", log).isTrue();
      }
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        assertThat(r.numDocs()).isPositive();
      }
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
