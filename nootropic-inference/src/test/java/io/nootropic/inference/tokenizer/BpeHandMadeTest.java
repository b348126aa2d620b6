package io.nootropic.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.inference.internal.tokenizer.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Byte-level BPE on small vocabularies whose expected output is worked out by hand.
class BpeHandMadeTest {

  /// The 256 byte-level single-char tokens, then the given merges' results, then extra tokens.
  private static Tokenizer bpe(String pre, String[] merges, String... extra) {
    List<String> tokens = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      tokens.add(String.valueOf(byteChar(b)));
    }
    for (String m : merges) {
      tokens.add(m.replace(" ", ""));
    }
    List<Integer> types = new ArrayList<>(java.util.Collections.nCopies(tokens.size(), Vocabulary.TYPE_NORMAL));
    for (String e : extra) {
      tokens.add(e);
      types.add(e.startsWith("<|") ? Vocabulary.TYPE_CONTROL : Vocabulary.TYPE_USER_DEFINED);
    }
    return EngineTokenizer.of(Vocabulary.builder(Vocabulary.Model.BPE, tokens.toArray(String[]::new))
        .tokenTypes(types.stream().mapToInt(Integer::intValue).toArray())
        .merges(merges).pre(pre).build());
  }

  /// GPT-2's byte-to-char table, written out independently of the code under test.
  private static char byteChar(int b) {
    if ((b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255)) {
      return (char) b;
    }
    int n = 0;
    for (int x = 0; x < b; x++) {
      if (!((x >= 33 && x <= 126) || (x >= 161 && x <= 172) || (x >= 174 && x <= 255))) {
        n++;
      }
    }
    return (char) (256 + n);
  }

  private static int[] ids(Tokenizer t, String... pieces) {
    return Arrays.stream(pieces).mapToInt(p -> {
      int id = t.tokenId(p);
      assertThat(id).as("piece %s", p).isGreaterThanOrEqualTo(0);
      return id;
    }).toArray();
  }

  @Test
  void lowerRankMergesFirst() {
    Tokenizer t = bpe("gpt-2", new String[] {"b c", "a b"});
    assertThat(t.encode("abc")).containsExactly(ids(t, "a", "bc"));
    Tokenizer u = bpe("gpt-2", new String[] {"a b", "b c"});
    assertThat(u.encode("abc")).containsExactly(ids(u, "ab", "c"));
  }

  @Test
  void repeatedPairsMergeLeftmostFirst() {
    Tokenizer t = bpe("gpt-2", new String[] {"a a"});
    assertThat(t.encode("aaa")).containsExactly(ids(t, "aa", "a"));
  }

  @Test
  void wordsAreMergedSeparatelyAndSpacesAreByteMapped() {
    Tokenizer t = bpe("gpt-2", new String[] {"Ġ a", "Ġa b", "a b"});
    assertThat(t.encode("ab ab")).containsExactly(ids(t, "ab", "Ġab"));
    assertThat(t.decode(t.encode("ab ab"))).isEqualTo("ab ab");
  }

  @Test
  void multiByteCharactersAreEncodedAsTheirBytes() {
    Tokenizer t = bpe("gpt-2", new String[] {});
    int[] got = t.encode("é");
    assertThat(got).containsExactly(0xC3, 0xA9); // token i is byte i's stand-in
    assertThat(t.decode(got)).isEqualTo("é");
    assertThat(t.tokenBytes(got[0])).containsExactly((byte) 0xC3);
  }

  @Test
  void userDefinedTokensAreAlwaysSplitOutControlTokensOnlyWhenParsingSpecials() {
    Tokenizer t = bpe("gpt-2", new String[] {"a b"}, "<tool>", "<|end|>");
    int tool = t.tokenId("<tool>");
    int end = t.tokenId("<|end|>");
    assertThat(t.encode("ab<tool>ab")).containsExactly(t.tokenId("ab"), tool, t.tokenId("ab"));
    assertThat(t.encode("<|end|>", false, true)).containsExactly(end);
    assertThat(t.encode("<|end|>", false, false)).doesNotContain(end);
    assertThat(t.decode(t.encode("ab<tool>ab"))).isEqualTo("ab<tool>ab");
    assertThat(t.isEndOfGeneration(end)).isTrue();
    assertThat(t.decode(new int[] {end})).isEmpty();
  }

  @Test
  void llama3FamilyAddsBosByDefaultOthersDoNot() {
    assertThat(bpe("llama-bpe", new String[] {}).addsBos()).isTrue();
    assertThat(bpe("qwen2", new String[] {}).addsBos()).isFalse();
  }

  @Test
  void unknownPreTokenizerIsATypedError() {
    assertThatThrownBy(() -> bpe("klingon", new String[] {}))
        .isInstanceOf(TokenizerException.class).hasMessageContaining("klingon");
  }
}
