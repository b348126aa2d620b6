package io.nootropic.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.retrieval.SearchFilters;
import io.nootropic.api.retrieval.SearchHit;
import io.nootropic.api.retrieval.SearchMode;
import io.nootropic.api.retrieval.SearchQuery;
import io.nootropic.context.embed.HashingEmbeddingModel;
import io.nootropic.context.walk.GitIgnore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/// Any query text, glob, language or symbol gives hits or nothing, never an exception, and every
/// hit honours the filters.
class SearchRobustnessProperties {

  private static Path repo;
  private static CodeIndex index;
  private static IndexSnapshot snapshot;

  @BeforeContainer
  static void indexFixture() throws IOException {
    repo = Files.createTempDirectory("nootropic-search-props");
    Fixtures.smallRepo(repo);
    index = CodeIndex.open(IndexConfig.custom(repo).embeddingModel(new HashingEmbeddingModel(32)).build());
    index.index(IndexProgress.NONE);
    snapshot = index.snapshot();
  }

  @AfterContainer
  static void close() throws IOException {
    snapshot.close();
    index.close();
    try (var s = Files.walk(repo)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.of("token", "tryAcquire", "parse_config", "*", "[", "\\", "\"", "a:b", "NOT", "+-&&||!(){}[]^\"~*?:\\/"));
  }

  @Provide
  Arbitrary<String> globs() {
    return Arbitraries.oneOf(Arbitraries.strings().withChars("ab/*?[]{}()\\.^$|+@&~#<>\"-_").ofMaxLength(20),
        Arbitraries.of("src/**", "*.java", "**/*.py", "web/*", ""));
  }

  @Property(tries = 60)
  void searchNeverThrowsAndHonoursFilters(@ForAll("texts") String text, @ForAll("globs") String glob,
      @ForAll("texts") String symbol) {
    for (SearchMode mode : SearchMode.values()) {
      List<SearchHit> hits = snapshot.search(new SearchQuery(text, 5, mode, new SearchFilters(glob, null, symbol)));
      assertThat(hits).hasSizeLessThanOrEqualTo(5);
      for (SearchHit h : hits) {
        if (!glob.isBlank()) {
          assertThat(IndexSnapshot.globRegex(glob.strip()).matcher(h.path()).matches()).as(h.path() + " ~ " + glob).isTrue();
        }
        if (!symbol.isBlank()) {
          assertThat(h.symbols()).anyMatch(s -> s.equalsIgnoreCase(symbol.strip()));
        }
      }
    }
  }

  @Property(tries = 300)
  void gitignoreParsingNeverThrows(@ForAll("globs") String pattern, @ForAll("texts") String path) {
    GitIgnore g = GitIgnore.parse(pattern + "\n!" + pattern + "/\n" + path);
    g.isIgnored(path, false);
    g.isIgnored(path, true);
  }
}
