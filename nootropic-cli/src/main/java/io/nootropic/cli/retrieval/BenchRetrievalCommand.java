package io.nootropic.cli.retrieval;

import io.nootropic.cli.common.Progress;
import io.nootropic.context.eval.RetrievalBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/// `nootropic bench-retrieval`: indexing throughput and query latency on a synthetic corpus.
@Command(
    name = "bench-retrieval",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks code retrieval on a synthetic Java corpus generated in a temp folder (removed after):",
      "indexing throughput without embeddings, with hashing vectors and with all-MiniLM-L6-v2 (on a subset),",
      "and p50/p95 latency of BM25, dense and hybrid queries on an index of about 50k chunks."
    })
public final class BenchRetrievalCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--files", description = "files in the corpus (default ${DEFAULT-VALUE})")
  int files = 5000;

  @Option(names = "--methods", description = "methods per file, one chunk each (default ${DEFAULT-VALUE})")
  int methods = 9;

  @Option(names = "--minilm-files", description = "files indexed with all-MiniLM-L6-v2, 0 to skip (default ${DEFAULT-VALUE})")
  int miniLmFiles = 40;

  @Option(names = "--queries", description = "queries per retriever (default ${DEFAULT-VALUE})")
  int queries = 200;

  @Option(names = "--dir", description = "where to generate the corpus (default: the temp folder)")
  Path dir = Path.of(System.getProperty("java.io.tmpdir"));

  @Option(names = "--json", description = "print the figures as JSON")
  boolean json;

  /// Creates the command; picocli fills in the fields.
  public BenchRetrievalCommand() {}

  @Override
  public Integer call() {
    RetrievalBenchmark.Report r = RetrievalBenchmark.run(
        new RetrievalBenchmark.Config(files, methods, miniLmFiles, queries, 1, dir), Progress.of(spec)::say);
    PrintWriter out = spec.commandLine().getOut();
    RetrievalBenchmark.IndexRun base = r.indexRuns().getFirst();
    if (json) {
      StringBuilder sb = new StringBuilder("{\"chunks\":").append(r.chunks()).append(",\"indexing\":[");
      for (int i = 0; i < r.indexRuns().size(); i++) {
        RetrievalBenchmark.IndexRun x = r.indexRuns().get(i);
        sb.append(i == 0 ? "" : ",").append("{\"label\":").append(RetrievalJson.str(x.label()))
            .append(",\"files\":").append(x.files()).append(",\"chunks\":").append(x.chunks())
            .append(",\"megabytes\":").append(RetrievalJson.num(x.megabytes()))
            .append(",\"seconds\":").append(RetrievalJson.num(x.seconds()))
            .append(",\"filesPerSecond\":").append(RetrievalJson.num(x.filesPerSecond()))
            .append(",\"megabytesPerSecond\":").append(RetrievalJson.num(x.megabytesPerSecond()))
            .append(",\"chunksPerSecond\":").append(RetrievalJson.num(x.chunksPerSecond())).append('}');
      }
      sb.append("],\"latency\":[");
      for (int i = 0; i < r.latencies().size(); i++) {
        RetrievalBenchmark.Latency l = r.latencies().get(i);
        sb.append(i == 0 ? "" : ",").append("{\"retriever\":").append(RetrievalJson.str(l.retriever()))
            .append(",\"p50Millis\":").append(RetrievalJson.num(l.p50Millis()))
            .append(",\"p95Millis\":").append(RetrievalJson.num(l.p95Millis()))
            .append(",\"queries\":").append(l.queries()).append('}');
      }
      out.println(sb.append("]}"));
    } else {
      out.printf(Locale.ROOT, "indexing (baseline: %s)%n", base.label());
      for (RetrievalBenchmark.IndexRun x : r.indexRuns()) {
        out.printf(Locale.ROOT, "  %-40s %6d files %7d chunks %7.1f s %8.1f files/s %6.2f MB/s %8.1f chunks/s%n",
            x.label(), x.files(), x.chunks(), x.seconds(), x.filesPerSecond(), x.megabytesPerSecond(), x.chunksPerSecond());
      }
      out.printf(Locale.ROOT, "query latency on %d chunks (ms; ratio to bm25 p50)%n", r.chunks());
      double bm25 = r.latencies().stream().filter(l -> l.retriever().equals("bm25")).findFirst()
          .map(RetrievalBenchmark.Latency::p50Millis).orElse(Double.NaN);
      for (RetrievalBenchmark.Latency l : r.latencies()) {
        out.printf(Locale.ROOT, "  %-24s p50 %8.2f  p95 %8.2f  (%.2fx)%n", l.retriever(), l.p50Millis(), l.p95Millis(),
            l.p50Millis() / bm25);
      }
    }
    out.flush();
    return 0;
  }
}
