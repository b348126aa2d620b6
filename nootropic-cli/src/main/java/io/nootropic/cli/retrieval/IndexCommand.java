package io.nootropic.cli.retrieval;

import io.nootropic.cli.common.Progress;
import io.nootropic.context.CodeIndex;
import io.nootropic.context.IndexConfig;
import io.nootropic.context.IndexStats;
import io.nootropic.context.embed.EmbeddingModels;
import io.nootropic.context.walk.WalkProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic index DIR`: builds or updates the workspace's retrieval index incrementally.
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Indexes a workspace for code retrieval (BM25 + vectors) into DIR/.nootropic-cache/index.",
      "Re-running only re-reads files whose content changed; deleted files leave the index.",
      "Progress goes to stderr."
    })
public final class IndexCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "the workspace folder")
  Path dir;

  @Option(names = "--no-embeddings", description = "BM25 only: no dense vectors (much faster)")
  boolean noEmbeddings;

  @Option(names = "--embeddings", paramLabel = "MODEL",
      description = "embedding model: all-minilm-l6-v2 (default), hashing-N, none")
  String embeddings = "all-minilm-l6-v2";

  @Option(names = "--batch", paramLabel = "N", description = "chunks per embedding batch (default ${DEFAULT-VALUE})")
  int batch = 32;

  @Option(names = "--max-file-kb", paramLabel = "KB", description = "skip files larger than this (default ${DEFAULT-VALUE})")
  int maxFileKb = 1024;

  @Option(names = "--json", description = "print the statistics as JSON")
  boolean json;


  /// Creates the command; picocli fills in the fields.
  public IndexCommand() {}

  @Override
  public Integer call() {
    if (!noEmbeddings) {
      try {
        EmbeddingModels.forName(embeddings);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--embeddings: " + e.getMessage());
      }
    }
    IndexConfig config = IndexConfig.custom(dir)
        .embeddingModel(noEmbeddings ? null : EmbeddingModels.forName(embeddings))
        .embedBatch(batch)
        .walker(io.nootropic.context.walk.WalkerConfig.ofDefaults().withMaxFileBytes(maxFileKb * 1024L))
        .build();
    IndexProgressPrinter progress = new IndexProgressPrinter(Progress.of(spec));
    IndexStats s;
    try (CodeIndex index = CodeIndex.open(config)) {
      s = index.index(progress);
    } finally {
      progress.done();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(statsJson(config, s));
    } else {
      out.printf(Locale.ROOT, "indexed %s into %s%n", config.workspace(), config.indexDir());
      out.printf(Locale.ROOT, "  files: %d seen, %d changed, %d unchanged, %d deleted%n",
          s.filesSeen(), s.filesChanged(), s.filesUnchanged(), s.filesDeleted());
      out.printf(Locale.ROOT, "  chunks: %d written, %d embedded, %d in index%s%n",
          s.chunksAdded(), s.chunksEmbedded(), s.totalChunks(), s.rebuilt() ? " (rebuilt)" : "");
      out.printf(Locale.ROOT, "  %.2f s, %.1f files/s, %.2f MB/s, embeddings: %s%n",
          s.elapsedNanos() / 1e9, s.filesPerSecond(), s.megabytesPerSecond(),
          config.embeddingModel() == null ? "none" : config.embeddingModel().name());
      if (s.walk().problemCount() > 0) {
        out.printf(Locale.ROOT, "  skipped or imperfect: %d file(s)%n", s.walk().problemCount());
        for (WalkProblem p : s.walk().problems().stream().limit(10).toList()) {
          out.printf(Locale.ROOT, "    %s: %s (%s)%n", p.kind().name().toLowerCase(Locale.ROOT), p.path(), p.message());
        }
      }
    }
    out.flush();
    return 0;
  }

  static String statsJson(IndexConfig config, IndexStats s) {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"workspace\":").append(RetrievalJson.str(config.workspace().toString()))
        .append(",\"indexDir\":").append(RetrievalJson.str(config.indexDir().toString()))
        .append(",\"embedding\":").append(RetrievalJson.str(config.embeddingModel() == null ? "none" : config.embeddingModel().name()))
        .append(",\"filesSeen\":").append(s.filesSeen())
        .append(",\"filesChanged\":").append(s.filesChanged())
        .append(",\"filesUnchanged\":").append(s.filesUnchanged())
        .append(",\"filesDeleted\":").append(s.filesDeleted())
        .append(",\"chunksAdded\":").append(s.chunksAdded())
        .append(",\"chunksEmbedded\":").append(s.chunksEmbedded())
        .append(",\"totalChunks\":").append(s.totalChunks())
        .append(",\"bytesRead\":").append(s.bytesRead())
        .append(",\"seconds\":").append(RetrievalJson.num(s.elapsedNanos() / 1e9))
        .append(",\"filesPerSecond\":").append(RetrievalJson.num(s.filesPerSecond()))
        .append(",\"megabytesPerSecond\":").append(RetrievalJson.num(s.megabytesPerSecond()))
        .append(",\"rebuilt\":").append(s.rebuilt())
        .append(",\"problems\":[");
    for (int i = 0; i < s.walk().problems().size(); i++) {
      WalkProblem p = s.walk().problems().get(i);
      sb.append(i == 0 ? "" : ",").append("{\"path\":").append(RetrievalJson.str(p.path()))
          .append(",\"kind\":").append(RetrievalJson.str(p.kind().name().toLowerCase(Locale.ROOT)))
          .append(",\"message\":").append(RetrievalJson.str(p.message())).append('}');
    }
    return sb.append("]}").toString();
  }
}
