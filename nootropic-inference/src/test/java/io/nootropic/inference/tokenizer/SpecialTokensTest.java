package io.nootropic.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/// BOS/EOS, special-token parsing and end-of-generation on real vocabularies. Plain-text ids
/// (`Hello` = 15043 / 9906 / 9707, `\n\n` = 271, ...) are the ones llama.cpp's suites list.
class SpecialTokensTest {

  @Test
  void llamaSpmAddsBosOnlyAndParsesControlTokensOnlyWhenAsked() {
    Tokenizer t = SharedVocabs.tokenizer("ggml-vocab-llama-spm.gguf");
    assertThat(t.model()).isEqualTo("llama");
    assertThat(t.bos()).isEqualTo(1);
    assertThat(t.eos()).isEqualTo(2);
    assertThat(t.addsBos()).isTrue();
    assertThat(t.addsEos()).isFalse();
    assertThat(t.encode("Hello", true, false)).containsExactly(1, 15043);
    assertThat(t.encode("Hello", false, false)).containsExactly(15043);
    // after a special token the next run of text gets the prefix space again
    assertThat(t.encode("<s>Hello</s>", false, true)).containsExactly(1, 15043, 2);
    assertThat(t.encode("<s>", false, false)).doesNotContain(1).hasSizeGreaterThan(1);
    assertThat(t.encode("", true, false)).containsExactly(1);
    assertThat(t.encode("", false, false)).isEmpty();
    assertThat(t.isEndOfGeneration(2)).isTrue();
    assertThat(t.isEndOfGeneration(1)).isFalse();
    assertThat(t.isControl(1)).isTrue();
    assertThat(t.decode(new int[] {1, 15043, 2})).isEqualTo("Hello");
    assertThat(t.decodeRaw(new int[] {1, 15043}, false)).isEqualTo(" Hello");
    assertThat(t.decodeRaw(new int[] {1, 15043}, true)).isEqualTo("<s> Hello");
    assertThat(t.piece(15043)).isEqualTo("▁Hello");
    assertThat(t.tokenBytes(15043)).isEqualTo(" Hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void llamaSpmByteFallbackTokensDecodeToTheirBytes() {
    Tokenizer t = SharedVocabs.tokenizer("ggml-vocab-llama-spm.gguf");
    int b = t.tokenId("<0xE2>");
    assertThat(t.tokenBytes(b)).containsExactly((byte) 0xE2);
    assertThat(t.decode(t.encode("𝄞 clef"))).isEqualTo("𝄞 clef");
  }

  @Test
  void llama3AddsBeginOfTextAndEndsOnEotEomAndEndOfText() {
    Tokenizer t = SharedVocabs.tokenizer("rebuilt-llama3-bpe.gguf");
    assertThat(t.model()).isEqualTo("gpt2");
    assertThat(t.preTokenizer()).isEqualTo("llama-bpe");
    assertThat(t.bos()).isEqualTo(128000);
    assertThat(t.eos()).isEqualTo(128001);
    assertThat(t.eot()).isEqualTo(128009);
    assertThat(t.encode("Hello", true, false)).containsExactly(128000, 9906);
    int[] chat = t.encode("<|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|>", false, true);
    int user = t.encode("user").length == 1 ? t.encode("user")[0] : -1;
    assertThat(user).isPositive();
    assertThat(chat).containsExactly(128006, user, 128007, 271, 9906, 128009);
    assertThat(t.encode("<|eot_id|>", false, false)).doesNotContain(128009).hasSizeGreaterThan(1);
    assertThat(t.isEndOfGeneration(128009)).isTrue();
    assertThat(t.isEndOfGeneration(128001)).isTrue();
    assertThat(t.isEndOfGeneration(128008)).isTrue(); // <|eom_id|>
    assertThat(t.isEndOfGeneration(128006)).isFalse();
    assertThat(t.isEndOfGeneration(9906)).isFalse();
    assertThat(t.piece(128009)).isEqualTo("<|eot_id|>");
    assertThat(t.decode(chat)).isEqualTo("user\n\nHello");
    assertThat(t.decodeRaw(chat, true)).isEqualTo("<|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|>");
  }

  @Test
  void qwen25HasNoBosAndSplitsUserDefinedTokensEvenWithoutParsing() {
    Tokenizer t = SharedVocabs.tokenizer("rebuilt-qwen25.gguf");
    assertThat(t.addsBos()).isFalse();
    assertThat(t.encode("Hello", true, false)).containsExactly(9707);
    assertThat(t.eot()).isEqualTo(151645);
    assertThat(t.isEndOfGeneration(151645)).isTrue();   // <|im_end|>
    assertThat(t.isEndOfGeneration(151643)).isTrue();   // <|endoftext|>
    assertThat(t.isEndOfGeneration(151644)).isFalse();  // <|im_start|>
    assertThat(t.encode("<|im_start|>Hello<|im_end|>", false, true)).containsExactly(151644, 9707, 151645);
    assertThat(t.encode("<|im_start|>", false, false)).doesNotContain(151644);
    int toolCall = t.tokenId("<tool_call>");
    assertThat(toolCall).isEqualTo(151657);
    assertThat(t.isControl(toolCall)).isFalse();
    assertThat(t.encode("Hello<tool_call>Hello", false, false)).containsExactly(9707, toolCall, 9707);
    assertThat(t.decode(t.encode("Hello<tool_call>Hello"))).isEqualTo("Hello<tool_call>Hello");
    assertThat(t.decode(new int[] {151644, 9707, 151645})).isEqualTo("Hello");
  }

  @Test
  void bertWrapsInClsAndSep() {
    Tokenizer t = SharedVocabs.tokenizer("ggml-vocab-bert-bge.gguf");
    int[] plain = t.encode("Hello world");
    int[] wrapped = t.encode("Hello world", true, false);
    assertThat(wrapped).hasSize(plain.length + 2);
    assertThat(wrapped[0]).isEqualTo(101);
    assertThat(wrapped[wrapped.length - 1]).isEqualTo(102);
    assertThat(t.decode(wrapped)).isEqualTo("hello world");
  }

  @Test
  void aFullModelFileCarriesTheSameLlama2Tokenizer() throws java.io.IOException {
    Tokenizer t;
    try (io.nootropic.inference.gguf.GgufFile gguf = io.nootropic.inference.gguf.GgufFile.open(
        io.nootropic.testing.SharedModels.require("llama-2-tiny-random.gguf"))) {
      t = Tokenizer.fromGguf(gguf.metadata());
    }
    Tokenizer vocabOnly = SharedVocabs.tokenizer("ggml-vocab-llama-spm.gguf");
    assertThat(t.vocabSize()).isEqualTo(32000);
    assertThat(t.encode("Hello world", true, false)).containsExactly(1, 15043, 3186);
    String text = "  Mixed: ü, 中文, 😀 and <s> text\n";
    assertThat(t.encode(text, true, true)).containsExactly(vocabOnly.encode(text, true, true));
  }

  @Test
  void phi3EndsTurnsOnEndAndEndOfText() {
    Tokenizer t = SharedVocabs.tokenizer("ggml-vocab-phi-3.gguf");
    int end = t.tokenId("<|end|>");
    assertThat(end).isEqualTo(32007);
    assertThat(t.eot()).isEqualTo(end);
    assertThat(t.isEndOfGeneration(end)).isTrue();
    assertThat(t.isEndOfGeneration(32000)).isTrue(); // <|endoftext|>, also EOS here
    assertThat(t.isEndOfGeneration(t.tokenId("<|assistant|>"))).isFalse();
    // phi-3's special tokens swallow the whitespace after them (llama.cpp's RSTRIP for "phi3")
    assertThat(t.encode("<|user|>\nHi<|end|>", false, true))
        .containsExactly(t.tokenId("<|user|>"), t.encode("Hi")[0], end);
  }
}
