package io.nootropic.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.inference.gguf.GgufWriter;
import org.junit.jupiter.api.Test;

/// `Tokenizer.fromGguf` on metadata written by hand: defaults, overrides and typed errors.
class FromGgufMetadataTest {

  private static final String[] SPM_TOKENS = {"<unk>", "<s>", "</s>", "▁", "a", "▁a"};

  private static GgufWriter spm() {
    return GgufWriter.create()
        .put("tokenizer.ggml.model", "llama")
        .put("tokenizer.ggml.tokens", SPM_TOKENS)
        .put("tokenizer.ggml.scores", new float[] {0, 0, 0, -3, -2, -1})
        .put("tokenizer.ggml.token_type", new int[] {2, 3, 3, 1, 1, 1});
  }

  @Test
  void spmDefaultsFollowLlamaCpp() {
    Tokenizer t = Tokenizer.fromGguf(spm().metadata());
    assertThat(t.model()).isEqualTo("llama");
    assertThat(t.bos()).isEqualTo(1);
    assertThat(t.eos()).isEqualTo(2);
    assertThat(t.addsBos()).isTrue();
    assertThat(t.addsEos()).isFalse();
    assertThat(t.encode("a a", true, false)).containsExactly(1, 5, 5);
  }

  @Test
  void metadataOverridesIdsAndFlagsAndIgnoresOutOfRangeIds() {
    Tokenizer t = Tokenizer.fromGguf(spm()
        .putUint32("tokenizer.ggml.eos_token_id", 4)
        .putUint32("tokenizer.ggml.bos_token_id", 0xFFFFFFFFL) // as in stories260K: keep the default
        .put("tokenizer.ggml.add_bos_token", false)
        .put("tokenizer.ggml.add_eos_token", true)
        .put("tokenizer.ggml.add_space_prefix", false)
        .metadata());
    assertThat(t.bos()).isEqualTo(1);
    assertThat(t.eos()).isEqualTo(4);
    assertThat(t.isEndOfGeneration(4)).isTrue();
    // no space prefix: "a" stays "a"; EOS appended, no BOS
    assertThat(t.encode("a", true, false)).containsExactly(4, 4);
    assertThat(t.decode(t.encode("a a"))).isEqualTo("a a");
  }

  @Test
  void missingOrUnsupportedTokenizersAreTypedErrors() {
    assertThatThrownBy(() -> Tokenizer.fromGguf(GgufWriter.create().put("general.name", "x").metadata()))
        .isInstanceOf(TokenizerException.class).hasMessageContaining("tokenizer.ggml.model");
    assertThatThrownBy(() -> Tokenizer.fromGguf(spm().put("tokenizer.ggml.model", "t5").metadata()))
        .isInstanceOf(TokenizerException.class).hasMessageContaining("t5");
    assertThatThrownBy(() -> Tokenizer.fromGguf(GgufWriter.create().put("tokenizer.ggml.model", "llama").metadata()))
        .isInstanceOf(TokenizerException.class).hasMessageContaining("tokenizer.ggml.tokens");
    assertThatThrownBy(() -> Tokenizer.fromGguf(spm().put("tokenizer.ggml.scores", new float[] {0, 1}).metadata()))
        .isInstanceOf(TokenizerException.class).hasMessageContaining("scores");
    assertThatThrownBy(() -> Tokenizer.fromGguf(GgufWriter.create()
            .put("tokenizer.ggml.model", "gpt2").put("tokenizer.ggml.tokens", new String[] {"a", "b"}).metadata()))
        .isInstanceOf(TokenizerException.class).hasMessageContaining("merges");
    assertThatThrownBy(() -> Tokenizer.fromGguf(GgufWriter.create()
            .put("tokenizer.ggml.model", "gpt2").put("tokenizer.ggml.pre", "tekken")
            .put("tokenizer.ggml.tokens", new String[] {"a", "b"})
            .put("tokenizer.ggml.merges", new String[] {"a b"}).metadata()))
        .isInstanceOf(TokenizerException.class).hasMessageContaining("tekken");
  }
}
