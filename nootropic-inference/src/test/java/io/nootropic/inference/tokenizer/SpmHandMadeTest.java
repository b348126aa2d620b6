package io.nootropic.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.inference.internal.tokenizer.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/// SentencePiece on small vocabularies whose expected output is worked out by hand.
class SpmHandMadeTest {

  /// `<unk> <s> </s> <0x00>..<0xFF>` then the given pieces with the given scores.
  private static Tokenizer spm(Object... piecesAndScores) {
    List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    List<Float> scores = new ArrayList<>(List.of(0f, 0f, 0f));
    List<Integer> types = new ArrayList<>(List.of(Vocabulary.TYPE_UNKNOWN, Vocabulary.TYPE_CONTROL,
        Vocabulary.TYPE_CONTROL));
    for (int b = 0; b < 256; b++) {
      tokens.add(String.format("<0x%02X>", b));
      scores.add(0f);
      types.add(Vocabulary.TYPE_BYTE);
    }
    for (int i = 0; i < piecesAndScores.length; i += 2) {
      tokens.add((String) piecesAndScores[i]);
      scores.add(((Number) piecesAndScores[i + 1]).floatValue());
      types.add(((String) piecesAndScores[i]).startsWith("<|") ? Vocabulary.TYPE_CONTROL : Vocabulary.TYPE_NORMAL);
    }
    float[] s = new float[scores.size()];
    int[] t = new int[types.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = scores.get(i);
      t[i] = types.get(i);
    }
    return EngineTokenizer.of(Vocabulary.builder(Vocabulary.Model.SPM, tokens.toArray(String[]::new))
        .scores(s).tokenTypes(t).bos(1).eos(2).unk(0).build());
  }

  private static int[] ids(Tokenizer t, String... pieces) {
    return Arrays.stream(pieces).mapToInt(p -> {
      int id = t.tokenId(p);
      assertThat(id).as("piece %s", p).isGreaterThanOrEqualTo(0);
      return id;
    }).toArray();
  }

  @Test
  void highestScoringPairMergesFirst() {
    // "▁ab": "ab" outscores "▁a", so it merges first; "▁ab" is not a token
    Tokenizer t = spm("▁", -5, "a", -5, "b", -5, "▁a", -2, "ab", -1);
    assertThat(t.encode("ab")).containsExactly(ids(t, "▁", "ab"));
    Tokenizer u = spm("▁", -5, "a", -5, "b", -5, "▁a", -1, "ab", -2);
    assertThat(u.encode("ab")).containsExactly(ids(u, "▁a", "b"));
  }

  @Test
  void mergesContinueWithTheMergedSymbols() {
    Tokenizer t = spm("▁", -5, "a", -5, "b", -5, "▁a", -1, "▁ab", -3);
    assertThat(t.encode("ab")).containsExactly(ids(t, "▁ab"));
  }

  @Test
  void tiesMergeLeftmostFirst() {
    Tokenizer t = spm("▁", -5, "a", -5, "aa", -1);
    assertThat(t.encode("aaa")).containsExactly(ids(t, "▁", "aa", "a"));
  }

  @Test
  void spacesBecomeTheMarkerAndOnlyTheStartGetsAPrefix() {
    Tokenizer t = spm("▁", -5, "a", -5, "▁a", -1);
    assertThat(t.encode("a a")).containsExactly(ids(t, "▁a", "▁a"));
    assertThat(t.encode(" a")).containsExactly(ids(t, "▁", "▁a"));
  }

  @Test
  void unknownCharactersFallBackToUtf8ByteTokens() {
    Tokenizer t = spm("▁", -5);
    assertThat(t.encode("é")).containsExactly(t.tokenId("▁"), t.tokenId("<0xC3>"), t.tokenId("<0xA9>"));
    assertThat(t.decode(t.encode("é"))).isEqualTo("é");
  }

  @Test
  void bosIsAddedOnlyWithAddSpecialAndControlTextParsesOnlyWithParseSpecial() {
    Tokenizer t = spm("▁", -5, "a", -5, "▁a", -1, "<", -5, "s", -5, ">", -5, "▁<", -4);
    assertThat(t.encode("a", true, false)).containsExactly(1, t.tokenId("▁a"));
    assertThat(t.encode("<s>a", false, true)).containsExactly(1, t.tokenId("▁a"));
    assertThat(t.encode("<s>a", false, false)).containsExactly(ids(t, "▁<", "s", ">", "a"));
    assertThat(t.addsBos()).isTrue();
    assertThat(t.addsEos()).isFalse();
  }

  @Test
  void decodeRemovesThePrefixSpaceAtTheStartAndAfterSpecialTokens() {
    Tokenizer t = spm("▁", -5, "a", -5, "▁a", -1);
    assertThat(t.decode(t.encode("a a", true, false))).isEqualTo("a a");
    assertThat(t.decode(t.encode("  a", false, false))).isEqualTo("  a");
    assertThat(t.decodeRaw(t.encode("a", true, false), false)).isEqualTo(" a");
    assertThat(t.decodeRaw(t.encode("a", true, false), true)).isEqualTo("<s> a");
  }

  @Test
  void eosAndEndMarkersEndGeneration() {
    Tokenizer t = spm("▁", -5, "<|im_end|>", 0, "x", 0);
    assertThat(t.isEndOfGeneration(2)).isTrue();
    assertThat(t.isEndOfGeneration(t.tokenId("<|im_end|>"))).isTrue();
    assertThat(t.isEndOfGeneration(t.tokenId("x"))).isFalse();
    assertThat(t.isControl(1)).isTrue();
    assertThat(t.eot()).isEqualTo(t.tokenId("<|im_end|>"));
  }

  @Test
  void outOfRangeIdsAreTypedErrors() {
    Tokenizer t = spm("▁", -5);
    assertThatThrownBy(() -> t.decode(new int[] {-1})).isInstanceOf(TokenizerException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> t.piece(100_000)).isInstanceOf(TokenizerException.class);
    assertThatThrownBy(() -> t.tokenBytes(t.vocabSize())).isInstanceOf(TokenizerException.class);
  }
}
