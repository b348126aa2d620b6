package io.nootropic.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.model.TokenCounter;
import io.nootropic.api.retrieval.PackedContext;
import io.nootropic.api.retrieval.SearchHit;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ContextPackerTest {

  private static SearchHit hit(String path, int start, int end) {
    StringBuilder sb = new StringBuilder();
    for (int i = start; i <= end; i++) {
      sb.append(i > start ? "\n" : "").append("line ").append(i).append(" of ").append(path);
    }
    return new SearchHit(path, "java", start, end, List.of(), sb.toString(), 1, List.of());
  }

  @Test
  void mergesAdjacentAndOverlappingChunksOfAFileUnderOneHeader() {
    List<SearchHit> hits = List.of(hit("A.java", 10, 12), hit("B.java", 1, 2), hit("A.java", 13, 15), hit("A.java", 14, 20),
        hit("A.java", 30, 31));
    String text = ContextPacker.render(hits);
    assertThat(text).contains("// A.java lines 10-20\n").contains("// A.java lines 30-31\n").contains("// B.java lines 1-2\n");
    assertThat(text.indexOf("A.java lines 10-20")).isLessThan(text.indexOf("B.java lines 1-2"));  // best file first
    assertThat(text).contains("line 16 of A.java").doesNotContain("line 21 of A.java");
    // each line once, in order
    assertThat(text.split("line 14 of A.java", -1)).hasSize(2);
    assertThat(text.indexOf("line 12 of A.java")).isLessThan(text.indexOf("line 13 of A.java"));
  }

  @Test
  void dropsHitsThatDoNotFitButKeepsLaterSmallerOnes() {
    List<SearchHit> hits = List.of(hit("A.java", 1, 3), hit("Big.java", 1, 200), hit("C.java", 5, 5));
    PackedContext p = ContextPacker.pack(hits, 60, TokenCounter.APPROXIMATE);
    assertThat(p.included()).extracting(SearchHit::path).containsExactly("A.java", "C.java");
    assertThat(p.tokens()).isEqualTo(TokenCounter.APPROXIMATE.count(p.text())).isLessThanOrEqualTo(60);
  }

  @Test
  void aZeroBudgetGivesNothing() {
    PackedContext p = ContextPacker.pack(List.of(hit("A.java", 1, 1)), 0, TokenCounter.APPROXIMATE);
    assertThat(p.text()).isEmpty();
    assertThat(p.included()).isEmpty();
  }

  @Provide
  Arbitrary<List<SearchHit>> hitLists() {
    Arbitrary<SearchHit> one = Combinators.combine(
        Arbitraries.of("A.java", "B.py", "c/D.ts"),
        Arbitraries.integers().between(1, 100),
        Arbitraries.integers().between(0, 30)).as((p, s, len) -> hit(p, s, s + len));
    return one.list().ofMaxSize(25);
  }

  @Provide
  Arbitrary<TokenCounter> counters() {
    return Arbitraries.of(
        TokenCounter.APPROXIMATE,
        t -> t.isEmpty() ? 0 : t.split("\\s+").length,   // words
        t -> (int) t.chars().filter(c -> c == '\n').count() * 3 + t.length() / 7);
  }

  @Property(tries = 300)
  void neverExceedsTheBudget(@ForAll("hitLists") List<SearchHit> hits, @ForAll @IntRange(min = 0, max = 800) int budget,
      @ForAll("counters") TokenCounter counter) {
    PackedContext p = ContextPacker.pack(hits, budget, counter);
    assertThat(counter.count(p.text())).isLessThanOrEqualTo(budget);
    assertThat(p.tokens()).isLessThanOrEqualTo(budget);
    assertThat(hits).containsAll(p.included());
    List<String> headers = new ArrayList<>();
    for (String line : p.text().split("\n")) {
      if (line.startsWith("// ")) {
        headers.add(line);
      }
    }
    if (!p.included().isEmpty()) {
      assertThat(headers).isNotEmpty();
      for (SearchHit h : p.included()) {
        assertThat(p.text()).contains("line " + h.startLine() + " of " + h.path());
        assertThat(p.text()).contains("line " + h.endLine() + " of " + h.path());
      }
    }
  }
}
