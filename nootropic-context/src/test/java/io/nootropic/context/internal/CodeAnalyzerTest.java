package io.nootropic.context.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class CodeAnalyzerTest {

  private static List<String> analyze(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (CodeAnalyzer a = new CodeAnalyzer(); TokenStream ts = a.tokenStream("content", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term + "/" + inc.getPositionIncrement());
      }
      ts.end();
    }
    return out;
  }

  @Test
  void camelCaseIdentifiersAreKeptWholeAndSplit() throws IOException {
    assertThat(analyze("parseHTTPHeaders")).containsExactly("parsehttpheader/1", "parse/0", "http/0", "header/0");
  }

  @Test
  void snakeCaseDigitsAndPathsSplit() throws IOException {
    assertThat(analyze("MAX_RETRY_COUNT")).containsExactly("max_retry_count/1", "max/0", "retry/0", "count/0");
    assertThat(analyze("utf8Decoder")).containsExactly("utf8decoder/1", "utf/0", "decoder/0");   // lone digits are dropped
    assertThat(analyze("src/main/java/FooBar.java"))
        .containsExactly("src/1", "main/1", "java/1", "foobar/1", "foo/0", "bar/0", "java/1");
  }

  @Test
  void stopWordsDropAndPluralsFold() throws IOException {
    assertThat(analyze("Returns the number of tokens in queries"))
        .containsExactly("return/1", "number/2", "token/2", "query/2");
  }

  @Test
  void hugeRunsAreDroppedSoLuceneNeverSeesOversizedTerms() throws IOException {
    assertThat(analyze("a" + "b".repeat(100) + " ok")).containsExactly("ok/2");
  }

  @Property(tries = 300)
  void neverThrowsAndFirstIncrementIsPositive(@ForAll String text) throws IOException {
    List<String> toks = analyze(text);
    if (!toks.isEmpty()) {
      assertThat(toks.getFirst()).doesNotEndWith("/0");
    }
    assertThat(CodeAnalyzer.terms(text)).hasSize(toks.size());
  }
}
