package io.nootropic.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.retrieval.SearchFilters;
import io.nootropic.api.retrieval.SearchHit;
import io.nootropic.api.retrieval.SearchMode;
import io.nootropic.api.retrieval.SearchQuery;
import io.nootropic.context.embed.HashingEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeIndexTest {

  @TempDir Path repo;

  private IndexConfig config(boolean vectors) {
    IndexConfig.Builder b = IndexConfig.custom(repo);
    return (vectors ? b.embeddingModel(new HashingEmbeddingModel(128)) : b.noEmbeddings()).build();
  }

  @Test
  void indexesIntoTheWorkspaceCacheAndFindsMethodsByBm25() throws Exception {
    Fixtures.smallRepo(repo);
    try (CodeIndex index = CodeIndex.open(config(false))) {
      IndexStats stats = index.index(IndexProgress.NONE);
      assertThat(stats.filesSeen()).isEqualTo(5);
      assertThat(stats.filesChanged()).isEqualTo(5);
      assertThat(stats.rebuilt()).isTrue();
      assertThat(Files.isDirectory(repo.resolve(".nootropic-cache/index"))).isTrue();
      assertThat(repo.resolve(".nootropic-cache/.gitignore")).as("the cache stays out of git status").content()
          .contains("*");
      try (IndexSnapshot s = index.snapshot()) {
        List<SearchHit> hits = s.search(SearchQuery.of("refill tokens elapsed", 3, SearchMode.BM25));
        assertThat(hits).isNotEmpty();
        SearchHit top = hits.getFirst();
        assertThat(top.path()).isEqualTo("src/main/java/demo/TokenBucket.java");
        assertThat(top.symbols()).contains("TokenBucket");
        assertThat(top.content()).contains("refill");
        assertThat(top.reasons()).singleElement().satisfies(r -> {
          assertThat(r.retriever()).isEqualTo("bm25");
          assertThat(r.rank()).isEqualTo(1);
          assertThat(r.fields()).contains("content");
        });
        // camelCase parts match: "handle request" finds handleRequest
        assertThat(s.search(SearchQuery.of("handle request", 1, SearchMode.BM25)).getFirst().path())
            .isEqualTo("src/main/java/demo/HttpServer.java");
        // snake_case parts and whole identifiers match
        assertThat(s.search(SearchQuery.of("parse_config", 1, SearchMode.BM25)).getFirst().path())
            .isEqualTo("scripts/parse_config.py");
        assertThat(s.search(SearchQuery.of("config parse", 1, SearchMode.BM25)).getFirst().path())
            .isEqualTo("scripts/parse_config.py");
      }
    }
  }

  @Test
  void filtersByLanguagePathGlobAndSymbol() throws Exception {
    Fixtures.smallRepo(repo);
    try (CodeIndex index = CodeIndex.open(config(false))) {
      index.index(IndexProgress.NONE);
      try (IndexSnapshot s = index.snapshot()) {
        List<SearchHit> py = s.search(new SearchQuery("config", 10, SearchMode.BM25, new SearchFilters(null, "python", null)));
        assertThat(py).isNotEmpty().allSatisfy(h -> assertThat(h.language()).isEqualTo("python"));
        List<SearchHit> web = s.search(new SearchQuery("user session", 10, SearchMode.BM25, new SearchFilters("web/**", null, null)));
        assertThat(web).isNotEmpty().allSatisfy(h -> assertThat(h.path()).startsWith("web/"));
        List<SearchHit> javaOnly = s.search(new SearchQuery("token", 10, SearchMode.BM25, new SearchFilters("*.java", null, null)));
        assertThat(javaOnly).isNotEmpty().allSatisfy(h -> assertThat(h.path()).endsWith(".java"));
        List<SearchHit> none = s.search(new SearchQuery("token", 10, SearchMode.BM25, new SearchFilters("src/*.java", null, null)));
        assertThat(none).isEmpty();   // '*' does not cross folders
        List<SearchHit> sym = s.search(new SearchQuery("tokens", 10, SearchMode.BM25, new SearchFilters(null, null, "tryacquire")));
        assertThat(sym).isNotEmpty().allSatisfy(h -> assertThat(h.symbols()).contains("tryAcquire"));
      }
    }
  }

  @Test
  void reindexTouchesOnlyChangedFilesAndDropsDeletedOnes() throws Exception {
    Fixtures.smallRepo(repo);
    try (CodeIndex index = CodeIndex.open(config(true))) {
      IndexStats first = index.index(IndexProgress.NONE);
      IndexStats again = index.index(IndexProgress.NONE);
      assertThat(again.rebuilt()).isFalse();
      assertThat(again.filesChanged()).isZero();
      assertThat(again.chunksEmbedded()).isZero();
      assertThat(again.totalChunks()).isEqualTo(first.totalChunks());

      Fixtures.write(repo, "web/app.ts", "export function logout(): void {\n  window.location.href = '/bye';\n}\n");
      Files.delete(repo.resolve("scripts/parse_config.py"));
      IndexStats third = index.index(IndexProgress.NONE);
      assertThat(third.filesChanged()).isEqualTo(1);
      assertThat(third.filesDeleted()).isEqualTo(1);
      assertThat(third.chunksEmbedded()).isEqualTo(third.chunksAdded()).isPositive();
      try (IndexSnapshot s = index.snapshot()) {
        assertThat(s.search(SearchQuery.of("parse_config", 10, SearchMode.BM25))).isEmpty();
        assertThat(s.search(SearchQuery.of("renderDashboard", 10, SearchMode.BM25))).isEmpty();
        assertThat(s.search(SearchQuery.of("logout", 1, SearchMode.BM25)).getFirst().path()).isEqualTo("web/app.ts");
      }
    }
  }

  @Test
  void denseAndHybridReturnReasonsFromBothRetrievers() throws Exception {
    Fixtures.smallRepo(repo);
    try (CodeIndex index = CodeIndex.open(config(true))) {
      index.index(IndexProgress.NONE);
      try (IndexSnapshot s = index.snapshot()) {
        assertThat(s.hasVectors()).isTrue();
        List<SearchHit> dense = s.search(SearchQuery.of("tryAcquire tokens", 3, SearchMode.DENSE));
        assertThat(dense).isNotEmpty();
        assertThat(dense.getFirst().reasons().getFirst().retriever()).isEqualTo("dense");
        assertThat(dense.getFirst().path()).endsWith("TokenBucket.java");
        List<SearchHit> hybrid = s.search(SearchQuery.of("tryAcquire tokens", 3, SearchMode.HYBRID));
        assertThat(hybrid.getFirst().path()).endsWith("TokenBucket.java");
        assertThat(hybrid.getFirst().reasons()).extracting(r -> r.retriever()).containsExactlyInAnyOrder("bm25", "dense");
        // RRF with k=60 and default weights 1 (bm25) and 0.5 (dense): score = 1/(60+r1) + 0.5/(60+r2)
        SearchHit top = hybrid.getFirst();
        double expected = 0;
        for (var r : top.reasons()) {
          expected += (r.retriever().equals("bm25") ? 1.0 : 0.5) / (60 + r.rank());
        }
        assertThat(top.score()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9));
        for (int i = 1; i < hybrid.size(); i++) {
          assertThat(hybrid.get(i).score()).isLessThanOrEqualTo(hybrid.get(i - 1).score());
        }
      }
    }
  }

  @Test
  void denseSearchOnABm25OnlyIndexIsATypedError() throws Exception {
    Fixtures.smallRepo(repo);
    try (CodeIndex index = CodeIndex.open(config(false))) {
      index.index(IndexProgress.NONE);
      try (IndexSnapshot s = index.snapshot()) {
        assertThatThrownBy(() -> s.search(SearchQuery.of("x", 1, SearchMode.DENSE)))
            .isInstanceOf(ContextException.class).hasMessageContaining("without embeddings");
        // hybrid degrades to BM25 alone
        assertThat(s.search(SearchQuery.of("tryAcquire", 1, SearchMode.HYBRID)).getFirst().reasons())
            .extracting(r -> r.retriever()).containsExactly("bm25");
      }
    }
  }

  @Test
  void aSnapshotKeepsItsPointInTimeWhileTheIndexChanges() throws Exception {
    Fixtures.smallRepo(repo);
    try (CodeIndex index = CodeIndex.open(config(false))) {
      index.index(IndexProgress.NONE);
      try (IndexSnapshot before = index.snapshot()) {
        Files.delete(repo.resolve("src/main/java/demo/TokenBucket.java"));
        index.index(IndexProgress.NONE);
        try (IndexSnapshot after = index.snapshot()) {
          assertThat(after.generation()).isGreaterThan(before.generation());
          assertThat(after.search(SearchQuery.of("refill", 5, SearchMode.BM25))).isEmpty();
        }
        assertThat(before.search(SearchQuery.of("refill", 5, SearchMode.BM25))).isNotEmpty();
      }
    }
  }

  @Test
  void changingTheEmbeddingModelRebuildsTheIndex() throws Exception {
    Fixtures.smallRepo(repo);
    try (CodeIndex index = CodeIndex.open(config(false))) {
      index.index(IndexProgress.NONE);
    }
    try (CodeIndex index = CodeIndex.open(config(true))) {
      assertThat(index.committedEmbedding()).isEqualTo("none");
      IndexStats s = index.index(IndexProgress.NONE);
      assertThat(s.rebuilt()).isTrue();
      assertThat(s.filesChanged()).isEqualTo(5);
      assertThat(index.committedEmbedding()).isEqualTo("hashing-128:128");
    }
  }

  @Test
  void progressIsReportedAndMonotonic() throws Exception {
    Fixtures.smallRepo(repo);
    List<IndexProgress.Snapshot> seen = new ArrayList<>();
    try (CodeIndex index = CodeIndex.open(config(true))) {
      index.index(seen::add);
    }
    assertThat(seen).isNotEmpty();
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).filesSeen()).isGreaterThanOrEqualTo(seen.get(i - 1).filesSeen());
      assertThat(seen.get(i).chunksEmbedded()).isGreaterThanOrEqualTo(seen.get(i - 1).chunksEmbedded());
    }
    assertThat(seen.getLast().filesSeen()).isEqualTo(5);
    assertThat(seen.getLast().chunksEmbedded()).isPositive();
  }

  @Test
  void aMissingIndexOrWorkspaceIsATypedError() {
    assertThatThrownBy(() -> CodeIndex.open(IndexConfig.custom(repo.resolve("nope")).noEmbeddings().build()))
        .isInstanceOf(ContextException.class).hasMessageContaining("not a directory");
    try (CodeIndex index = CodeIndex.open(config(false))) {
      assertThatThrownBy(index::snapshot).isInstanceOf(ContextException.class).hasMessageContaining("no index");
    }
  }

  @Test
  void aDamagedIndexIsRebuiltFromTheWorkspace() throws Exception {
    Fixtures.smallRepo(repo);
    Path idx = IndexConfig.defaultIndexDir(repo);
    Files.createDirectories(idx);
    Files.writeString(idx.resolve("segments_3"), "this is not a Lucene commit");
    try (CodeIndex index = CodeIndex.open(config(false))) {
      assertThatThrownBy(index::snapshot).isInstanceOf(ContextException.class).hasMessageContaining("cannot open index");
      IndexStats s = index.index(IndexProgress.NONE);
      assertThat(s.rebuilt()).isTrue();
      assertThat(s.filesChanged()).isEqualTo(5);
      try (IndexSnapshot snap = index.snapshot()) {
        assertThat(snap.search(SearchQuery.of("tryAcquire", 1, SearchMode.BM25))).hasSize(1);
      }
    }
  }

  @Test
  void aSecondWriterIsATypedErrorAndLeavesTheIndexUsable() throws Exception {
    Fixtures.smallRepo(repo);
    try (CodeIndex index = CodeIndex.open(config(false))) {
      index.index(IndexProgress.NONE);
      try (var dir = org.apache.lucene.store.FSDirectory.open(IndexConfig.defaultIndexDir(repo));
           var other = new org.apache.lucene.index.IndexWriter(dir, new org.apache.lucene.index.IndexWriterConfig())) {
        assertThat(other.isOpen()).isTrue();
        assertThatThrownBy(() -> index.index(IndexProgress.NONE))
            .isInstanceOf(ContextException.class).hasMessageContaining("another process");
      }
      try (IndexSnapshot snap = index.snapshot()) {
        assertThat(snap.chunkCount()).isPositive();
      }
    }
  }

  @Test
  void hostileFilesAreIndexedWithoutFailing() throws Exception {
    Fixtures.write(repo, "min.js", "function " + "x".repeat(40_000) + "() {\n  return 1;\n}\n" + "var a=1;".repeat(5000));
    Fixtures.write(repo, "deep.c", "int f() {" + "{".repeat(20_000) + "}".repeat(20_000) + "}\n");
    Fixtures.write(repo, "ok.py", "def fine():\n    return 'ok'\n");
    try (CodeIndex index = CodeIndex.open(config(true))) {
      IndexStats s = index.index(IndexProgress.NONE);
      assertThat(s.filesSeen()).isEqualTo(3);
      try (IndexSnapshot snap = index.snapshot()) {
        assertThat(snap.search(SearchQuery.of("fine", 1, SearchMode.HYBRID)).getFirst().path()).isEqualTo("ok.py");
      }
    }
  }

  @Test
  void globTranslationFollowsFolderRules() {
    assertThat(IndexSnapshot.globRegex("src/**/*.java").matcher("src/a/b/C.java").matches()).isTrue();
    assertThat(IndexSnapshot.globRegex("src/**/*.java").matcher("src/C.java").matches()).isTrue();
    assertThat(IndexSnapshot.globRegex("src/*.java").matcher("src/a/C.java").matches()).isFalse();
    assertThat(IndexSnapshot.globRegex("*.py").matcher("deep/down/x.py").matches()).isTrue();
    assertThat(IndexSnapshot.globRegex("a?c.txt").matcher("abc.txt").matches()).isTrue();
    assertThat(IndexSnapshot.globRegex("a?c.txt").matcher("a/c.txt").matches()).isFalse();
  }
}
