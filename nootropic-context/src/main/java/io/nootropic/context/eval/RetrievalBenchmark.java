package io.nootropic.context.eval;

import io.nootropic.api.retrieval.EmbeddingModel;
import io.nootropic.api.retrieval.SearchMode;
import io.nootropic.api.retrieval.SearchQuery;
import io.nootropic.context.CodeIndex;
import io.nootropic.context.ContextException;
import io.nootropic.context.IndexConfig;
import io.nootropic.context.IndexProgress;
import io.nootropic.context.IndexSnapshot;
import io.nootropic.context.IndexStats;
import io.nootropic.context.chunk.ChunkerConfig;
import io.nootropic.context.embed.HashingEmbeddingModel;
import io.nootropic.context.embed.EmbeddingModels;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/// Measures indexing throughput and query latency on a synthetic Java corpus generated in a
/// temporary folder: BM25-only indexing and hashing-embedding indexing of the whole corpus (at
/// least 50k chunks by default), all-MiniLM-L6-v2 indexing of a small subset (it runs at tens of
/// chunks per second on two cores), and p50/p95 latency of BM25, dense and hybrid queries on the
/// big index.
public final class RetrievalBenchmark {

  private RetrievalBenchmark() { }

  /// Benchmark settings.
  ///
  /// @param files        files in the corpus
  /// @param methods      methods per file (each becomes a chunk; the file header is one more)
  /// @param miniLmFiles  files indexed with all-MiniLM-L6-v2 (0 to skip)
  /// @param queries      queries per retriever
  /// @param seed         corpus and query seed
  /// @param workDir      where to generate the corpus (a temp folder is made inside and removed)
  public record Config(int files, int methods, int miniLmFiles, int queries, long seed, Path workDir) {
    /// Checks the fields.
    public Config {
      if (files < 1 || methods < 1 || miniLmFiles < 0 || queries < 1) {
        throw new IllegalArgumentException("files, methods and queries must be positive, miniLmFiles not negative");
      }
      Objects.requireNonNull(workDir, "workDir");
    }

    /// Defaults: 5000 files x 9 methods (50k chunks), 40 MiniLM files, 200 queries.
    public static Config ofDefaults() {
      return new Config(5000, 9, 40, 200, 1, Path.of(System.getProperty("java.io.tmpdir")));
    }
  }

  /// One indexing measurement.
  ///
  /// @param label     what was indexed and how
  /// @param files     files indexed
  /// @param megabytes corpus size in 10^6 bytes
  /// @param chunks    chunks written
  /// @param seconds   wall time
  public record IndexRun(String label, int files, double megabytes, long chunks, double seconds) {
    /// Files per second.
    public double filesPerSecond() {
      return files / seconds;
    }

    /// Megabytes per second.
    public double megabytesPerSecond() {
      return megabytes / seconds;
    }

    /// Chunks per second.
    public double chunksPerSecond() {
      return chunks / seconds;
    }
  }

  /// Latency of one retriever.
  ///
  /// @param retriever `bm25`, `dense`, `hybrid`, or `minilm-query-embedding`
  /// @param p50Millis median
  /// @param p95Millis 95th percentile
  /// @param queries   how many were timed
  public record Latency(String retriever, double p50Millis, double p95Millis, int queries) { }

  /// All figures of a run.
  ///
  /// @param indexRuns  indexing measurements
  /// @param chunks     chunks in the big index the latencies were measured on
  /// @param latencies  query latencies
  public record Report(List<IndexRun> indexRuns, long chunks, List<Latency> latencies) {
    /// Copies the lists.
    public Report {
      indexRuns = List.copyOf(indexRuns);
      latencies = List.copyOf(latencies);
    }
  }

  private static final String[] SYLLABLES = {"ka", "lo", "mi", "ra", "ten", "vo", "sul", "dra", "pex", "qui", "zan",
      "bor", "cel", "fin", "gar", "hul", "jet", "mor", "nix", "ops"};
  private static final String[] VERBS = {"compute", "load", "store", "merge", "split", "render", "parse", "encode",
      "decode", "validate", "schedule", "resolve", "publish", "collect", "filter", "sort"};

  private static String[] vocabulary(Random rnd, int n) {
    String[] words = new String[n];
    for (int i = 0; i < n; i++) {
      int parts = 2 + rnd.nextInt(2);
      StringBuilder sb = new StringBuilder();
      for (int p = 0; p < parts; p++) {
        sb.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
      }
      words[i] = sb.toString() + i;
    }
    return words;
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /// Writes the corpus; returns its size in bytes.
  static long generate(Path root, int files, int methods, Random rnd, String[] vocab) throws IOException {
    long bytes = 0;
    for (int f = 0; f < files; f++) {
      String pkg = "p" + (f % 50);
      StringBuilder sb = new StringBuilder("package ").append(pkg).append(";\n\npublic class Type").append(f).append(" {\n");
      for (int m = 0; m < methods; m++) {
        String verb = VERBS[rnd.nextInt(VERBS.length)];
        String a = vocab[rnd.nextInt(vocab.length)];
        String b = vocab[rnd.nextInt(vocab.length)];
        sb.append("  /** ").append(cap(verb)).append("s the ").append(a).append(" of ").append(b).append(". */\n")
            .append("  public long ").append(verb).append(cap(a)).append(cap(b)).append("(long ").append(a).append(") {\n")
            .append("    long ").append(b).append(" = ").append(a).append(" * ").append(rnd.nextInt(1000)).append(";\n")
            .append("    if (").append(b).append(" > ").append(rnd.nextInt(100)).append(") {\n")
            .append("      ").append(b).append(" -= Type").append(rnd.nextInt(files)).append(".")
            .append(VERBS[rnd.nextInt(VERBS.length)]).append("Hint(").append(a).append(");\n")
            .append("    }\n")
            .append("    return ").append(b).append(" ^ ").append(rnd.nextInt(1 << 16)).append("L;\n")
            .append("  }\n\n");
      }
      sb.append("}\n");
      Path p = root.resolve("src").resolve(pkg).resolve("Type" + f + ".java");
      Files.createDirectories(p.getParent());
      byte[] raw = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      Files.write(p, raw);
      bytes += raw.length;
    }
    return bytes;
  }

  /// Runs the benchmark, reporting steps to `log`.
  public static Report run(Config config, Consumer<String> log) {
    Path tmp = null;
    try {
      Files.createDirectories(config.workDir());
      tmp = Files.createTempDirectory(config.workDir(), "nootropic-bench");
      Random rnd = new Random(config.seed());
      String[] vocab = vocabulary(rnd, 2000);
      Path corpus = tmp.resolve("corpus");
      long bytes = generate(corpus, config.files(), config.methods(), rnd, vocab);
      log.accept(String.format(java.util.Locale.ROOT, "corpus: %d files, %.1f MB in %s", config.files(), bytes / 1e6, corpus));
      // methods are ~11 lines: 14-line chunks keep one method per chunk
      ChunkerConfig chunker = new ChunkerConfig(14, 4000, 14, 2, false);
      List<IndexRun> runs = new ArrayList<>();
      runs.add(index("bm25-only", corpus, tmp.resolve("idx-bm25"), chunker, null, bytes, log));
      EmbeddingModel hashing = new HashingEmbeddingModel(128);
      IndexRun hashed = index("bm25+hashing-128 vectors", corpus, tmp.resolve("idx-hash"), chunker, hashing, bytes, log);
      runs.add(hashed);
      List<Latency> latencies = new ArrayList<>();
      EmbeddingModel minilm = config.miniLmFiles() > 0 ? miniLm(log) : null;
      if (minilm != null) {
        Path small = tmp.resolve("corpus-small");
        long smallBytes = generate(small, config.miniLmFiles(), config.methods(), new Random(config.seed() + 1), vocab);
        minilm.embed("warm up");   // load the model outside the timing
        runs.add(index("bm25+all-minilm-l6-v2 vectors (subset)", small, tmp.resolve("idx-minilm"), chunker, minilm,
            smallBytes, log));
        runs.add(index("bm25-only (same subset, baseline)", small, tmp.resolve("idx-small-bm25"), chunker, null,
            smallBytes, log));
        double[] t = new double[Math.min(config.queries(), 100)];
        for (int i = 0; i < t.length; i++) {
          String q = VERBS[rnd.nextInt(VERBS.length)] + " the " + vocab[rnd.nextInt(vocab.length)];
          long t0 = System.nanoTime();
          minilm.embed(q);
          t[i] = (System.nanoTime() - t0) / 1e6;
        }
        latencies.add(latency("minilm-query-embedding", t));
      }
      IndexConfig ic = IndexConfig.custom(corpus).indexDir(tmp.resolve("idx-hash")).chunker(chunker)
          .embeddingModel(hashing).build();
      long chunks;
      try (CodeIndex index = CodeIndex.open(ic); IndexSnapshot s = index.snapshot()) {
        chunks = s.chunkCount();
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < config.queries(); i++) {
          queries.add(VERBS[rnd.nextInt(VERBS.length)] + " the " + vocab[rnd.nextInt(vocab.length)] + " of "
              + vocab[rnd.nextInt(vocab.length)]);
        }
        for (String q : queries.subList(0, Math.min(20, queries.size()))) {
          s.search(SearchQuery.of(q, 10, SearchMode.HYBRID));   // warm-up
        }
        Map<SearchMode, double[]> times = new LinkedHashMap<>();
        for (SearchMode m : SearchMode.values()) {
          times.put(m, new double[queries.size()]);
        }
        for (int i = 0; i < queries.size(); i++) {
          for (SearchMode m : SearchMode.values()) {
            long t0 = System.nanoTime();
            s.search(SearchQuery.of(queries.get(i), 10, m));
            times.get(m)[i] = (System.nanoTime() - t0) / 1e6;
          }
        }
        for (Map.Entry<SearchMode, double[]> e : times.entrySet()) {
          latencies.add(latency(e.getKey().externalName(), e.getValue()));
        }
      }
      log.accept("index for latencies: " + chunks + " chunks");
      return new Report(runs, chunks, latencies);
    } catch (IOException e) {
      throw new ContextException("benchmark failed: " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        delete(tmp);
      }
    }
  }

  private static IndexRun index(String label, Path corpus, Path dir, ChunkerConfig chunker, EmbeddingModel model,
      long bytes, Consumer<String> log) {
    IndexConfig ic = IndexConfig.custom(corpus).indexDir(dir).chunker(chunker).embeddingModel(model)
        .commitEvery(Integer.MAX_VALUE).embedBatch(64).build();
    try (CodeIndex index = CodeIndex.open(ic)) {
      long t0 = System.nanoTime();
      IndexStats s = index.index(IndexProgress.NONE);
      double secs = (System.nanoTime() - t0) / 1e9;
      IndexRun r = new IndexRun(label, s.filesSeen(), bytes / 1e6, s.chunksAdded(), secs);
      log.accept(String.format(java.util.Locale.ROOT, "%s: %d files, %d chunks in %.1f s (%.0f files/s, %.2f MB/s)",
          label, r.files(), r.chunks(), secs, r.filesPerSecond(), r.megabytesPerSecond()));
      return r;
    }
  }

  static Latency latency(String name, double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Latency(name, percentile(sorted, 0.50), percentile(sorted, 0.95), sorted.length);
  }

  /// Nearest-rank percentile of sorted values.
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static void delete(Path root) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // leftovers in a temp folder are harmless
    }
  }

  /// all-MiniLM-L6-v2 when `nootropic-embeddings-minilm` is on the path, else `null` (said in the log).
  private static EmbeddingModel miniLm(java.util.function.Consumer<String> log) {
    try {
      return EmbeddingModels.forName("all-minilm-l6-v2");
    } catch (IllegalArgumentException e) {
      log.accept("all-minilm-l6-v2 runs skipped: " + e.getMessage());
      return null;
    }
  }
}
