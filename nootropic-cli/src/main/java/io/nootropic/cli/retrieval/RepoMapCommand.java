package io.nootropic.cli.retrieval;

import io.nootropic.cli.common.Progress;
import io.nootropic.api.model.TokenCounter;
import io.nootropic.context.CodeIndex;
import io.nootropic.context.IndexConfig;
import io.nootropic.context.IndexSnapshot;
import io.nootropic.context.LuceneRetrieverProvider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic repomap DIR --tokens N`: the repository map within a token budget.
@Command(
    name = "repomap",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the files of a workspace ranked by how much the rest of the repository refers to them,",
      "each with its most referenced symbols, within a token budget (about 4 characters per token)."
    })
public final class RepoMapCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "the workspace folder")
  Path dir;

  @Option(names = "--tokens", paramLabel = "N", description = "token budget (default ${DEFAULT-VALUE})")
  int tokens = 1024;

  @Option(names = "--no-embeddings", description = "when the index must be created: BM25 only")
  boolean noEmbeddings;

  @Option(names = "--json", description = "print as JSON")
  boolean json;

  /// Creates the command; picocli fills in the fields.
  public RepoMapCommand() {}

  @Override
  public Integer call() {
    if (tokens < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--tokens must be at least 1, was " + tokens);
    }
    IndexConfig config = LuceneRetrieverProvider.configFor(dir, noEmbeddings ? "none" : "all-minilm-l6-v2");
    String map;
    try (CodeIndex index = CodeIndex.open(config)) {
      IndexProgressPrinter progress = new IndexProgressPrinter(Progress.of(spec));
      try {
        index.index(progress);
      } finally {
        progress.done();
      }
      try (IndexSnapshot s = index.snapshot()) {
        map = s.repoMap(tokens, TokenCounter.APPROXIMATE);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println("{\"tokens\":" + TokenCounter.APPROXIMATE.count(map) + ",\"budget\":" + tokens
          + ",\"map\":" + RetrievalJson.str(map) + "}");
    } else {
      out.print(map);
    }
    out.flush();
    return 0;
  }
}
