package io.nootropic.context;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.retrieval.EmbeddingModel;
import io.nootropic.api.retrieval.Retriever;
import io.nootropic.api.retrieval.RetrieverProvider;
import io.nootropic.context.embed.EmbeddingModels;
import java.nio.file.Path;

/// The `lucene` [RetrieverProvider]: indexes a workspace incrementally into
/// `.nootropic-cache/index` and opens a point-in-time [IndexSnapshot] over it.
///
/// An existing index keeps its embedding model (or its BM25-only mode); a new index uses
/// [EmbeddingModels#defaultModel()]: the model named by the system property
/// `nootropic.context.embeddings` (`none` for BM25 only, `hashing-N` for the hashing-trick model,
/// or an embedder's name), else the one embedder on the path (`nootropic-embeddings-minilm`),
/// else BM25 only.
public final class LuceneRetrieverProvider implements RetrieverProvider {

  /// The system property choosing the embedding model of new indexes.
  public static final String EMBEDDINGS_PROPERTY = EmbeddingModels.PROPERTY;

  /// Creates the provider (cheap).
  public LuceneRetrieverProvider() { }

  @Override
  public String name() {
    return "lucene";
  }

  @Override
  public Retriever open(Path workspace) {
    IndexConfig config = configFor(workspace, null);
    CodeIndex index = CodeIndex.open(config);
    try {
      index.index(IndexProgress.NONE);
      return index.snapshot();
    } finally {
      index.close();
    }
  }

  /// The configuration for a workspace: the embedding model its existing index was built with
  /// (so opening never forces a rebuild), else `modelIfNew` (`none` for BM25 only; `null` for
  /// [EmbeddingModels#defaultModel()]).
  ///
  /// @throws IllegalArgumentException if `modelIfNew` names no known model
  public static IndexConfig configFor(Path workspace, String modelIfNew) {
    IndexConfig probe = IndexConfig.custom(workspace).noEmbeddings().build();
    String existing;
    try (CodeIndex idx = CodeIndex.open(probe)) {
      existing = idx.committedEmbedding();
    }
    EmbeddingModel model = existing != null ? EmbeddingModels.forName(existing.replaceFirst(":\\d+$", ""))
        : modelIfNew == null ? EmbeddingModels.defaultModel() : EmbeddingModels.forName(modelIfNew);
    return IndexConfig.custom(workspace).embeddingModel(model).build();
  }

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("retrieval.lucene", CapabilityKind.UTILITY)
        .version("0.1.0")
        .summary("Hybrid code retrieval over a per-workspace Lucene index (BM25 + HNSW vectors, RRF)")
        .tags("retrieval", "search", "lucene", "bm25", "embedding")
        .build();
  }
}
