package io.nootropic.context.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ChunkerProperties {

  private static final List<String> TOKENS = List.of(
      "{", "}", "(", ")", ";", "\n", "\n", "\n", "    ", "\t", "\"", "'", "`", "\"\"\"", "'''", "/*", "*/", "//", "///",
      "#", "@Override", "class Foo", "def bar():", "fn baz()", "func Qux()", "function f()", "fun g()", "impl X",
      "struct S", "if (x)", "return y", "=", "=>", "\\", "async def h():", "interface I", "namespace N", "x", "42",
      "/** doc */", "#include <a.h>", "\r\n", "é", "\uFFFD", "public void m()", "record R(int a)", "enum E");

  @Provide
  Arbitrary<String> codeLike() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(400).map(l -> String.join(" ", l));
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.strings().all().ofMaxLength(600);
  }

  @Provide
  Arbitrary<Language> languages() {
    return Arbitraries.of(Language.class);
  }

  @Provide
  Arbitrary<ChunkerConfig> configs() {
    return Arbitraries.integers().between(1, 40).flatMap(window ->
        Arbitraries.integers().between(0, window - 1).flatMap(overlap ->
            Arbitraries.integers().between(1, 60).flatMap(maxLines ->
                Arbitraries.integers().between(16, 3000).flatMap(maxChars ->
                    Arbitraries.of(true, false).map(strip -> new ChunkerConfig(maxLines, maxChars, window, overlap, strip))))));
  }

  @Property(tries = 300)
  void codeLikeInputIsCoveredExactly(@ForAll("codeLike") String text, @ForAll("languages") Language lang,
      @ForAll("configs") ChunkerConfig config) {
    check(text, lang, config);
  }

  @Property(tries = 200)
  void arbitraryInputNeverThrowsAndIsCovered(@ForAll("anyText") String text, @ForAll("languages") Language lang) {
    check(text, lang, new ChunkerConfig(7, 200, 5, 2, false));
  }

  @Property(tries = 50)
  void deeplyNestedBracesDoNotOverflow(@ForAll @IntRange(min = 1, max = 3000) int depth, @ForAll("languages") Language lang) {
    String text = "class A {\n".repeat(depth) + "x\n" + "}\n".repeat(depth / 2);
    check(text, lang, ChunkerConfig.ofDefaults());
  }

  private static void check(String text, Language lang, ChunkerConfig config) {
    String source = config.stripJavadoc() && lang == Language.JAVA
        ? JavadocStripper.strip(text) : text;
    String[] lines = expectedLines(source);
    List<Chunk> chunks = new CodeChunker(config).chunk("f.x", lang, text);
    boolean[] covered = new boolean[lines.length + 1];
    for (Chunk c : chunks) {
      assertThat(c.startLine()).isBetween(1, lines.length);
      assertThat(c.endLine()).isBetween(c.startLine(), lines.length);
      assertThat(c.language()).isEqualTo(lang);
      String[] body = c.content().split("\n", -1);
      assertThat(body).hasSize(c.lineCount());
      for (int i = 0; i < body.length; i++) {
        assertThat(body[i]).isEqualTo(lines[c.startLine() - 1 + i]);
        covered[c.startLine() + i] = true;
      }
    }
    for (int ln = 1; ln <= lines.length; ln++) {
      assertThat(covered[ln]).as("line %d of %d covered", ln, lines.length).isTrue();
    }
    if (lines.length == 0) {
      assertThat(chunks).isEmpty();
    }
  }

  /// Lines as the contract defines them, computed independently of the chunker.
  private static String[] expectedLines(String text) {
    if (text.isEmpty()) {
      return new String[0];
    }
    String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    String[] parts = t.split("\n", -1);
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].endsWith("\r")) {
        parts[i] = parts[i].substring(0, parts[i].length() - 1);
      }
    }
    return parts;
  }
}
