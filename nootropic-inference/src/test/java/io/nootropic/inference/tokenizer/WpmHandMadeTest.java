package io.nootropic.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.inference.internal.tokenizer.Vocabulary;
import org.junit.jupiter.api.Test;

/// WordPiece on a small vocabulary whose expected output is worked out by hand.
class WpmHandMadeTest {

  private final Tokenizer t = EngineTokenizer.of(Vocabulary.builder(Vocabulary.Model.WPM,
          "[PAD]", "[UNK]", "[CLS]", "[SEP]", "▁hello", "▁un", "aff", "able", "▁!", "▁,", "▁x")
      .tokenTypes(new int[] {3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1})
      .unk(1).bos(2).sep(3).pad(0).build());

  @Test
  void longestMatchWithPhantomSpaceAndPunctuationSplit() {
    assertThat(t.encode("Hello, unaffable!")).containsExactly(4, 9, 5, 6, 7, 8);
  }

  @Test
  void accentsAreStrippedAndCaseFolded() {
    assertThat(t.encode("HÉLLO")).containsExactly(4);
  }

  @Test
  void uncoverableWordsBecomeUnknown() {
    assertThat(t.encode("hello unaffablez x")).containsExactly(4, 1, 10);
  }

  @Test
  void addSpecialWrapsInClsAndSep() {
    assertThat(t.encode("hello", true, false)).containsExactly(2, 4, 3);
    assertThat(t.decode(t.encode("hello , x", true, false))).isEqualTo("hello , x");
  }
}
