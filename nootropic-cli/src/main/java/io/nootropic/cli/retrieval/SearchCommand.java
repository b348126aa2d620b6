package io.nootropic.cli.retrieval;

import io.nootropic.cli.common.Progress;
import io.nootropic.api.retrieval.MatchReason;
import io.nootropic.api.retrieval.SearchFilters;
import io.nootropic.api.retrieval.SearchHit;
import io.nootropic.api.retrieval.SearchMode;
import io.nootropic.api.retrieval.SearchQuery;
import io.nootropic.context.CodeIndex;
import io.nootropic.context.IndexConfig;
import io.nootropic.context.IndexSnapshot;
import io.nootropic.context.LuceneRetrieverProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic search DIR "query"`: BM25, dense or hybrid code search with explanations.
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Searches a workspace's code (updating its index first, incrementally).",
      "Each hit shows why it matched: the retriever, its rank there and the fields that matched."
    })
public final class SearchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "the workspace folder")
  Path dir;

  @Parameters(index = "1", paramLabel = "QUERY", description = "what to look for")
  String query;

  @Option(names = "--mode", paramLabel = "MODE", description = "bm25, dense or hybrid (default ${DEFAULT-VALUE})")
  String mode = "hybrid";

  @Option(names = {"-k", "--top"}, paramLabel = "N", description = "number of hits (default ${DEFAULT-VALUE})")
  int k = 10;

  @Option(names = "--path", paramLabel = "GLOB", description = "only paths matching this glob, e.g. 'src/**/*.java'")
  String pathGlob;

  @Option(names = "--lang", paramLabel = "LANG", description = "only this language, e.g. java, python")
  String language;

  @Option(names = "--symbol", paramLabel = "NAME", description = "only chunks declaring or inside this symbol")
  String symbol;

  @Option(names = "--no-update", description = "search the index as it is, without re-indexing changed files")
  boolean noUpdate;

  @Option(names = "--no-embeddings", description = "when the index must be created: BM25 only")
  boolean noEmbeddings;

  @Option(names = "--json", description = "print hits as JSON")
  boolean json;

  /// Creates the command; picocli fills in the fields.
  public SearchCommand() {}

  @Override
  public Integer call() {
    SearchMode m;
    try {
      m = SearchMode.forName(mode);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--mode: " + e.getMessage());
    }
    if (k < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "-k must be at least 1");
    }
    IndexConfig config = LuceneRetrieverProvider.configFor(dir, noEmbeddings ? "none" : "all-minilm-l6-v2");
    List<SearchHit> hits;
    try (CodeIndex index = CodeIndex.open(config)) {
      if (!noUpdate || !index.exists()) {
        IndexProgressPrinter progress = new IndexProgressPrinter(Progress.of(spec));
        try {
          index.index(progress);
        } finally {
          progress.done();
        }
      }
      try (IndexSnapshot s = index.snapshot()) {
        hits = s.search(new SearchQuery(query, k, m, new SearchFilters(pathGlob, language, symbol)));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      StringBuilder sb = new StringBuilder("{\"query\":").append(RetrievalJson.str(query))
          .append(",\"mode\":").append(RetrievalJson.str(m.externalName())).append(",\"hits\":[");
      for (int i = 0; i < hits.size(); i++) {
        sb.append(i == 0 ? "" : ",").append(RetrievalJson.hit(hits.get(i), true));
      }
      out.println(sb.append("]}"));
    } else if (hits.isEmpty()) {
      out.println("no hits");
    } else {
      int n = 1;
      for (SearchHit h : hits) {
        out.printf(Locale.ROOT, "%2d. %s:%d-%d  score %.4f  %s%n", n++, h.path(), h.startLine(), h.endLine(),
            h.score(), h.symbols().isEmpty() ? "" : String.join(".", h.symbols().subList(0, Math.min(3, h.symbols().size()))));
        StringBuilder why = new StringBuilder("    matched by ");
        for (int i = 0; i < h.reasons().size(); i++) {
          MatchReason r = h.reasons().get(i);
          why.append(i == 0 ? "" : "; ").append(r.retriever()).append(" #").append(r.rank())
              .append(" on ").append(String.join(",", r.fields()));
        }
        out.println(why);
        h.content().lines().limit(3).forEach(l -> out.println("    | " + l));
      }
    }
    out.flush();
    return 0;
  }
}
