package io.nootropic.inference.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnicodeClassTest {

  @Test
  void byteMappingIsABijectionOntoPrintableChars() {
    Set<Character> seen = new HashSet<>();
    for (int b = 0; b < 256; b++) {
      char c = UnicodeClass.byteToChar(b);
      assertThat(seen.add(c)).isTrue();
      assertThat(UnicodeClass.charToByte(c)).isEqualTo(b);
    }
    assertThat(UnicodeClass.byteToChar(' ')).isEqualTo('\u0120');   // Ġ
    assertThat(UnicodeClass.byteToChar('\n')).isEqualTo('\u010A');  // Ċ
    assertThat(UnicodeClass.byteToChar('a')).isEqualTo('a');
  }

  @Test
  void whitespaceIsTheUnicodeWhiteSpaceSet() {
    assertThat(UnicodeClass.isWhitespace('\u3000')).isTrue();
    assertThat(UnicodeClass.isWhitespace('\u0085')).isTrue();
    assertThat(UnicodeClass.isWhitespace('\u001C')).isFalse();
    assertThat(UnicodeClass.isWhitespace('\u200B')).isFalse();
  }

  @Test
  void sanitizeReplacesOnlyUnpairedSurrogates() {
    assertThat(UnicodeClass.sanitize("a\uD800b")).isEqualTo("a\uFFFDb");
    assertThat(UnicodeClass.sanitize("\uDC00")).isEqualTo("\uFFFD");
    assertThat(UnicodeClass.sanitize("x\uD83D\uDE00\uD83D")).isEqualTo("x\uD83D\uDE00\uFFFD");
    String valid = "ok 😀";
    assertThat(UnicodeClass.sanitize(valid)).isSameAs(valid);
  }

  @Test
  void nfdFirstDropsCombiningMarks() {
    assertThat(UnicodeClass.nfdFirst('é')).isEqualTo('e');
    assertThat(UnicodeClass.nfdFirst('Å')).isEqualTo('A');
    assertThat(UnicodeClass.nfdFirst('x')).isEqualTo('x');
  }
}
