package io.nootropic.cli.retrieval;

import io.nootropic.cli.common.Progress;
import io.nootropic.context.embed.EmbeddingModels;
import io.nootropic.context.eval.EvalReport;
import io.nootropic.context.eval.RetrievalEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic eval-retrieval DIR`: docstring-to-code retrieval quality on a Java repository.
@Command(
    name = "eval-retrieval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates code retrieval on a Java repository: each documented method's first Javadoc sentence",
      "is a query (Javadoc is stripped from the indexed code), the method is the answer.",
      "Reports MRR@k and Recall@k for BM25, dense and hybrid. The index goes to a temp folder."
    })
public final class EvalRetrievalCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "the repository folder")
  Path dir;

  @Option(names = "--max-queries", paramLabel = "N", description = "sample at most N queries (default ${DEFAULT-VALUE})")
  int maxQueries = 500;

  @Option(names = "-k", paramLabel = "K", description = "metric cut-off (default ${DEFAULT-VALUE})")
  int k = 10;

  @Option(names = "--embeddings", paramLabel = "MODEL",
      description = "embedding model for dense/hybrid: all-minilm-l6-v2 (default), hashing-N, none")
  String embeddings = "all-minilm-l6-v2";

  @Option(names = "--seed", description = "sampling seed (default ${DEFAULT-VALUE})")
  long seed = 42;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  /// Creates the command; picocli fills in the fields.
  public EvalRetrievalCommand() {}

  @Override
  public Integer call() {
    RetrievalEvaluation.Config config;
    try {
      config = new RetrievalEvaluation.Config(maxQueries, k, EmbeddingModels.forName(embeddings), seed);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    IndexProgressPrinter progress = new IndexProgressPrinter(Progress.of(spec));
    EvalReport r;
    try {
      r = RetrievalEvaluation.run(dir, config, progress);
    } finally {
      progress.done();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      StringBuilder sb = new StringBuilder("{");
      sb.append("\"repository\":").append(RetrievalJson.str(r.repository()))
          .append(",\"javaFiles\":").append(r.javaFiles())
          .append(",\"candidates\":").append(r.candidates())
          .append(",\"queries\":").append(r.queries())
          .append(",\"chunks\":").append(r.chunks())
          .append(",\"k\":").append(r.k())
          .append(",\"embedding\":").append(RetrievalJson.str(r.embedding()))
          .append(",\"indexMillis\":").append(r.indexMillis())
          .append(",\"results\":[");
      for (int i = 0; i < r.results().size(); i++) {
        EvalReport.ModeResult m = r.results().get(i);
        sb.append(i == 0 ? "" : ",").append("{\"mode\":").append(RetrievalJson.str(m.mode()))
            .append(",\"mrr\":").append(RetrievalJson.num(m.mrr()))
            .append(",\"recall\":").append(RetrievalJson.num(m.recall()))
            .append(",\"meanMillis\":").append(RetrievalJson.num(m.meanMillis())).append('}');
      }
      out.println(sb.append("]}"));
    } else {
      out.printf(Locale.ROOT, "docstring-to-code retrieval on %s%n", r.repository());
      out.printf(Locale.ROOT, "  %d Java files, %d documented methods with a unique summary, %d queries, %d chunks%n",
          r.javaFiles(), r.candidates(), r.queries(), r.chunks());
      out.printf(Locale.ROOT, "  embedding: %s, index built in %.1f s%n", r.embedding(), r.indexMillis() / 1000.0);
      out.printf(Locale.ROOT, "  %-7s %8s %10s %10s%n", "mode", "MRR@" + r.k(), "Recall@" + r.k(), "ms/query");
      for (EvalReport.ModeResult m : r.results()) {
        out.printf(Locale.ROOT, "  %-7s %8.3f %10.3f %10.2f%n", m.mode(), m.mrr(), m.recall(), m.meanMillis());
      }
    }
    out.flush();
    return 0;
  }
}
