package io.nootropic.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.Describable;
import io.nootropic.api.model.TokenCounter;
import io.nootropic.api.retrieval.PackedContext;
import io.nootropic.api.retrieval.Retriever;
import io.nootropic.api.retrieval.RetrieverProvider;
import io.nootropic.api.retrieval.SearchHit;
import io.nootropic.api.retrieval.SearchQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneRetrieverProviderTest {

  @Test
  void agentsReachRetrievalThroughTheApiAndServiceLoader(@TempDir Path repo) throws Exception {
    Fixtures.smallRepo(repo);
    RetrieverProvider provider = ServiceLoader.load(RetrieverProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("lucene")).findFirst().orElseThrow();
    assertThat(provider.describe().name()).isEqualTo("retrieval.lucene");
    String old = System.getProperty(LuceneRetrieverProvider.EMBEDDINGS_PROPERTY);
    System.setProperty(LuceneRetrieverProvider.EMBEDDINGS_PROPERTY, "hashing-64");
    try (Retriever r = provider.open(repo)) {
      List<SearchHit> hits = r.search(SearchQuery.of("session store touch", 3));
      assertThat(hits.getFirst().path()).isEqualTo("web/app.ts");
      PackedContext ctx = r.hydrate(hits, 120, TokenCounter.APPROXIMATE);
      assertThat(ctx.tokens()).isLessThanOrEqualTo(120);
      assertThat(ctx.text()).startsWith("// web/app.ts lines ");
      assertThat(r.repoMap(200, TokenCounter.APPROXIMATE)).contains("TokenBucket");
    } finally {
      if (old == null) {
        System.clearProperty(LuceneRetrieverProvider.EMBEDDINGS_PROPERTY);
      } else {
        System.setProperty(LuceneRetrieverProvider.EMBEDDINGS_PROPERTY, old);
      }
    }
    // a second open keeps the existing index's model, whatever the property says now
    assertThat(LuceneRetrieverProvider.configFor(repo, "none").embeddingModel().name()).isEqualTo("hashing-64");
  }

  @Test
  void everyDescribableIsRegisteredForServiceLoader() {
    assertThat(ServiceLoader.load(Describable.class).stream().map(p -> p.get().describe().name()))
        .contains("retrieval.lucene", "memory.workspace").doesNotContain("embedding.all-minilm-l6-v2");
  }
}
