package io.nootropic.context.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Checks the benchmark's plumbing on a tiny corpus (figures are not asserted: speed is measured
/// by running the benchmark, not by tests).
class RetrievalBenchmarkTest {

  @Test
  void producesEveryFigureOnATinyCorpusAndCleansUp(@TempDir Path work) throws Exception {
    List<String> log = new ArrayList<>();
    RetrievalBenchmark.Report r = RetrievalBenchmark.run(new RetrievalBenchmark.Config(30, 4, 0, 10, 3, work), log::add);
    assertThat(r.chunks()).isEqualTo(30 * (4 + 1));   // a chunk per method and one for each file header
    assertThat(r.indexRuns()).extracting(RetrievalBenchmark.IndexRun::files).containsExactly(30, 30);
    assertThat(r.indexRuns()).allSatisfy(run -> assertThat(run.chunks()).isEqualTo(150));
    assertThat(r.latencies()).extracting(RetrievalBenchmark.Latency::retriever).containsExactly("bm25", "dense", "hybrid");
    assertThat(r.latencies()).allSatisfy(l -> {
      assertThat(l.queries()).isEqualTo(10);
      assertThat(l.p95Millis()).isGreaterThanOrEqualTo(l.p50Millis());
    });
    try (var s = java.nio.file.Files.list(work)) {
      assertThat(s).isEmpty();
    }
    assertThat(log).anyMatch(l -> l.startsWith("corpus: 30 files"));
  }

  @Test
  void percentilesUseNearestRank() {
    double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(RetrievalBenchmark.percentile(v, 0.5)).isEqualTo(5);
    assertThat(RetrievalBenchmark.percentile(v, 0.95)).isEqualTo(10);
    assertThat(RetrievalBenchmark.percentile(new double[] {4}, 0.95)).isEqualTo(4);
  }
}
