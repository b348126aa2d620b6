package io.nootropic.context;

import io.nootropic.api.retrieval.Retriever;
import io.nootropic.context.embed.HashingEmbeddingModel;
import io.nootropic.testing.RetrieverContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/// The Lucene retriever keeps the retrieval contract: as the `lucene` provider opens it (BM25
/// only, since this module has no embedder on its path), and with dense vectors fused in.
class LuceneRetrieverContractTest {

  /// Through [LuceneRetrieverProvider], as agents reach it.
  @Nested
  class ThroughTheProvider extends RetrieverContract {
    @Override
    protected Retriever open(Path workspace) {
      return new LuceneRetrieverProvider().open(workspace);
    }
  }

  /// With hashing-trick vectors, so the hybrid path fuses BM25 and dense hits.
  @Nested
  class WithVectors extends RetrieverContract {
    @Override
    protected Retriever open(Path workspace) {
      IndexConfig config = IndexConfig.custom(workspace).embeddingModel(new HashingEmbeddingModel(64)).build();
      try (CodeIndex index = CodeIndex.open(config)) {
        index.index(IndexProgress.NONE);
        return index.snapshot();
      }
    }
  }
}
