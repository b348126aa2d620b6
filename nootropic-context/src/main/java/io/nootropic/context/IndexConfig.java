package io.nootropic.context;

import io.nootropic.api.retrieval.EmbeddingModel;
import io.nootropic.context.chunk.ChunkerConfig;
import io.nootropic.context.embed.EmbeddingModels;
import io.nootropic.context.walk.WalkerConfig;
import java.nio.file.Path;
import java.util.Objects;

/// How a workspace is indexed and searched. Build with [#custom(Path)] or [#ofDefaults(Path)].
///
/// @param workspace      the folder indexed
/// @param indexDir       where the Lucene index lives (default `.nootropic-cache/index` in the workspace)
/// @param walker         walking rules
/// @param chunker        chunk sizes
/// @param embeddingModel the model for dense vectors, or `null` for a BM25-only index
/// @param embedBatch     chunks embedded per call to the model
/// @param commitEvery    files between intermediate commits during a long indexing run
/// @param rrfK           the `k` of reciprocal rank fusion (score = Σ weight / (k + rank))
/// @param bm25Weight     weight of the BM25 list in hybrid fusion
/// @param denseWeight    weight of the dense list in hybrid fusion
public record IndexConfig(
    Path workspace,
    Path indexDir,
    WalkerConfig walker,
    ChunkerConfig chunker,
    EmbeddingModel embeddingModel,
    int embedBatch,
    int commitEvery,
    int rrfK,
    double bm25Weight,
    double denseWeight) {

  /// Checks the fields.
  public IndexConfig {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(indexDir, "indexDir");
    Objects.requireNonNull(walker, "walker");
    Objects.requireNonNull(chunker, "chunker");
    if (embedBatch < 1 || commitEvery < 1 || rrfK < 1) {
      throw new IllegalArgumentException("embedBatch, commitEvery and rrfK must be positive");
    }
    if (bm25Weight < 0 || denseWeight < 0) {
      throw new IllegalArgumentException("fusion weights must not be negative");
    }
  }

  /// The default index folder of a workspace.
  public static Path defaultIndexDir(Path workspace) {
    return workspace.resolve(".nootropic-cache").resolve("index");
  }

  /// Defaults: index in `.nootropic-cache/index`, all-MiniLM-L6-v2 embeddings, RRF k=60 with
  /// weights 1 (BM25) and 0.5 (dense): on this repository's docstring-to-code evaluation the dense
  /// list helps most as a secondary signal (weights 0.25-0.5 beat 0 and 1).
  public static IndexConfig ofDefaults(Path workspace) {
    return custom(workspace).build();
  }

  /// Starts a builder with the defaults.
  public static Builder custom(Path workspace) {
    return new Builder(workspace);
  }

  /// Whether dense vectors are indexed.
  public boolean embeddingsEnabled() {
    return embeddingModel != null;
  }

  /// Builds an [IndexConfig].
  public static final class Builder {
    private final Path workspace;
    private Path indexDir;
    private WalkerConfig walker = WalkerConfig.ofDefaults();
    private ChunkerConfig chunker = ChunkerConfig.ofDefaults();
    private EmbeddingModel embeddingModel;
    private boolean embeddingChosen;
    private int embedBatch = 32;
    private int commitEvery = 2000;
    private int rrfK = 60;
    private double bm25Weight = 1;
    private double denseWeight = 0.5;

    private Builder(Path workspace) {
      this.workspace = workspace.toAbsolutePath().normalize();
      this.indexDir = defaultIndexDir(this.workspace);
    }

    /// Sets the index folder.
    public Builder indexDir(Path dir) {
      this.indexDir = dir.toAbsolutePath().normalize();
      return this;
    }

    /// Sets the walking rules.
    public Builder walker(WalkerConfig walker) {
      this.walker = walker;
      return this;
    }

    /// Sets the chunk sizes.
    public Builder chunker(ChunkerConfig chunker) {
      this.chunker = chunker;
      return this;
    }

    /// Sets the embedding model; `null` makes a BM25-only index. Unset, the index uses
    /// [EmbeddingModels#defaultModel()]: the embedder on the path, or BM25 only.
    public Builder embeddingModel(EmbeddingModel model) {
      this.embeddingModel = model;
      this.embeddingChosen = true;
      return this;
    }

    /// Disables dense vectors.
    public Builder noEmbeddings() {
      return embeddingModel(null);
    }

    /// Sets the embedding batch size.
    public Builder embedBatch(int n) {
      this.embedBatch = n;
      return this;
    }

    /// Sets how many files pass between intermediate commits.
    public Builder commitEvery(int n) {
      this.commitEvery = n;
      return this;
    }

    /// Sets the reciprocal-rank-fusion constant and weights.
    public Builder fusion(int rrfK, double bm25Weight, double denseWeight) {
      this.rrfK = rrfK;
      this.bm25Weight = bm25Weight;
      this.denseWeight = denseWeight;
      return this;
    }

    /// Builds the configuration.
    public IndexConfig build() {
      EmbeddingModel model = embeddingChosen ? embeddingModel : EmbeddingModels.defaultModel();
      return new IndexConfig(workspace, indexDir, walker, chunker, model, embedBatch, commitEvery,
          rrfK, bm25Weight, denseWeight);
    }
  }
}
