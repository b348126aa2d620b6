package io.nootropic.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.model.TokenCounter;
import io.nootropic.context.internal.RepoMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoMapTest {

  @Test
  void theMostReferencedFileAndSymbolRankFirst() {
    List<RepoMap.FileEntry> files = List.of(
        new RepoMap.FileEntry("core/Util.java", List.of(new RepoMap.Def("Util", 1, 0), new RepoMap.Def("clamp", 3, 1),
            new RepoMap.Def("unusedHelper", 9, 1)), Set.of("Util", "clamp")),
        new RepoMap.FileEntry("a/A.java", List.of(new RepoMap.Def("Alpha", 1, 0)), Set.of("Alpha", "Util", "clamp")),
        new RepoMap.FileEntry("b/B.java", List.of(new RepoMap.Def("Beta", 1, 0)), Set.of("Beta", "Util", "clamp", "Alpha")),
        new RepoMap.FileEntry("c/C.java", List.of(new RepoMap.Def("Gamma", 1, 0)), Set.of("Gamma", "Util")),
        new RepoMap.FileEntry("d/D.java", List.of(new RepoMap.Def("Delta", 1, 0)), Set.of("Delta", "clamp")));
    List<RepoMap.RankedFile> ranked = RepoMap.rank(files);
    assertThat(ranked.getFirst().path()).isEqualTo("core/Util.java");
    assertThat(ranked.get(1).path()).isEqualTo("a/A.java");   // referenced by B only
    assertThat(ranked.getFirst().symbols()).extracting(RepoMap.RankedSymbol::name)
        .containsExactly("Util", "clamp", "unusedHelper");
    assertThat(ranked.getFirst().symbols()).extracting(RepoMap.RankedSymbol::referencingFiles)
        // D mentions clamp but never Util, so a member name alone does not count as a reference
        .containsExactly(3, 2, 0);
    double sum = ranked.stream().mapToDouble(RepoMap.RankedFile::rank).sum();
    assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void renderingRespectsTheBudget() {
    List<RepoMap.FileEntry> files = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      files.add(new RepoMap.FileEntry("pkg/File" + i + ".java", List.of(new RepoMap.Def("Type" + i, 1, 0)),
          new java.util.HashSet<>(List.of("Type" + ((i + 1) % 200), "Type0"))));
    }
    List<RepoMap.RankedFile> ranked = RepoMap.rank(files);
    for (int budget : new int[] {0, 5, 40, 300, 100_000}) {
      String map = RepoMap.render(ranked, budget, TokenCounter.APPROXIMATE);
      assertThat(TokenCounter.APPROXIMATE.count(map)).isLessThanOrEqualTo(budget);
    }
    String big = RepoMap.render(ranked, 100_000, TokenCounter.APPROXIMATE);
    assertThat(big.lines().filter(l -> l.startsWith("pkg/")).count()).isEqualTo(200);
    assertThat(big.lines().skip(1).findFirst().orElseThrow()).isEqualTo("pkg/File0.java");   // referenced by all
  }

  @Test
  void repoMapOfAnIndexedWorkspace(@TempDir Path repo) throws Exception {
    Fixtures.smallRepo(repo);
    try (CodeIndex index = CodeIndex.open(IndexConfig.custom(repo).noEmbeddings().build())) {
      index.index(IndexProgress.NONE);
      try (IndexSnapshot s = index.snapshot()) {
        String map = s.repoMap(400, TokenCounter.APPROXIMATE);
        assertThat(TokenCounter.APPROXIMATE.count(map)).isLessThanOrEqualTo(400);
        // TokenBucket is used by HttpServer, so it ranks above it
        assertThat(map.indexOf("src/main/java/demo/TokenBucket.java"))
            .isGreaterThan(0).isLessThan(map.indexOf("src/main/java/demo/HttpServer.java"));
        assertThat(map).contains("  TokenBucket :3 (used by 1 file)");
      }
    }
  }
}
