package io.nootropic.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.Assume;

/// Properties over random text on the real vocabularies.
@AddLifecycleHook(TokenizerPropertiesTest.RequiresSharedVocabs.class)
class TokenizerPropertiesTest {

  /// Skips the properties when the shared vocabularies are absent (never under `CI=true`, where
  /// the missing fixture then fails the first try).
  static final class RequiresSharedVocabs implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      java.nio.file.Path probe = io.nootropic.testing.SharedModels.dir().resolve("vocab/ggml-vocab-llama-spm.gguf");
      if (java.nio.file.Files.isRegularFile(probe) || "true".equalsIgnoreCase(System.getenv("CI"))) {
        return SkipResult.doNotSkip();
      }
      return SkipResult.skip("shared fixture missing: " + probe);
    }
  }

  private static final String[] BYTE_LEVEL = {
      "rebuilt-llama3-bpe.gguf", "rebuilt-qwen25.gguf", "ggml-vocab-gpt-2.gguf",
      "ggml-vocab-deepseek-coder.gguf", "ggml-vocab-deepseek-llm.gguf", "ggml-vocab-falcon.gguf",
      "ggml-vocab-starcoder.gguf", "ggml-vocab-refact.gguf", "ggml-vocab-mpt.gguf"};
  private static final String[] ALL = {
      "ggml-vocab-llama-spm.gguf", "ggml-vocab-phi-3.gguf", "ggml-vocab-bert-bge.gguf",
      "rebuilt-llama3-bpe.gguf", "rebuilt-qwen25.gguf", "ggml-vocab-gpt-2.gguf",
      "ggml-vocab-deepseek-coder.gguf", "ggml-vocab-deepseek-llm.gguf", "ggml-vocab-falcon.gguf",
      "ggml-vocab-starcoder.gguf", "ggml-vocab-refact.gguf", "ggml-vocab-mpt.gguf"};

  /// Valid UTF-16 text mixing ASCII, whitespace runs, digits, Latin-1, CJK, emoji and any other
  /// code point.
  @Provide
  Arbitrary<String> validText() {
    Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8);
    Arbitrary<String> spaces = Arbitraries.strings().withChars(" \t\n\r\u00A0\u3000").ofMaxLength(5);
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMaxLength(7);
    Arbitrary<String> words = Arbitraries.of("Hello", " world", "'s", "I'll", "DON'T", "é", "ü", "ñ",
        "中文", "日本語", "한국어", "привет", "مرحبا", "😀", "👍🏽", "\u200D", "▁");
    Arbitrary<String> anyCodePoint = Arbitraries.integers().between(0, 0x10FFFF)
        .filter(cp -> cp < 0xD800 || cp > 0xDFFF).map(Character::toString);
    return Arbitraries.oneOf(ascii, spaces, digits, words, anyCodePoint).list().ofMaxSize(12)
        .map(parts -> String.join("", parts));
  }

  /// Byte-level BPE is lossless on text whose every UTF-8 byte has its GPT-2 stand-in char in the
  /// vocabulary (Falcon's lacks a few control bytes and the lead byte of planes 8-11, StarCoder's
  /// that of planes 4-7; like llama.cpp, such bytes are dropped). GPT-2, Llama 3, Qwen2.5 and the
  /// DeepSeek vocabularies cover all 256 bytes, so they check every sample.
  @Property(tries = 150)
  void byteLevelBpeDecodeInvertsEncode(@ForAll("validText") String text) {
    for (String name : BYTE_LEVEL) {
      Tokenizer t = SharedVocabs.tokenizer(name);
      if (!coversEveryByte(t, text)) {
        continue;
      }
      assertThat(t.decode(t.encode(text, false, false))).as(name).isEqualTo(text);
    }
  }

  private static boolean coversEveryByte(Tokenizer t, String text) {
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      if (t.tokenId(String.valueOf(byteChar(b & 0xFF))) < 0) {
        return false;
      }
    }
    return true;
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

  @Property(tries = 150)
  void sentencePieceDecodeInvertsEncodeForTextWithoutTheSpaceMarker(@ForAll("validText") String text) {
    String noMarker = text.replace('\u2581', '_');
    Assume.that(!noMarker.contains("</s>")); // a user-defined token that phi-3 right-strips
    for (String name : new String[] {"ggml-vocab-llama-spm.gguf", "ggml-vocab-phi-3.gguf"}) {
      Tokenizer t = SharedVocabs.tokenizer(name);
      assertThat(t.decode(t.encode(noMarker, true, false))).as(name).isEqualTo(noMarker);
    }
  }

  /// Any `String`, unpaired surrogates included: encoding never throws and treats every unpaired
  /// surrogate as U+FFFD.
  @Provide
  Arbitrary<String> anyString() {
    Arbitrary<String> raw = Arbitraries.strings().all().ofMaxLength(40);
    Arbitrary<String> loneSurrogates = Arbitraries.chars().range('\uD800', '\uDFFF').map(String::valueOf);
    return Arbitraries.oneOf(raw, loneSurrogates).list().ofMaxSize(4).map(parts -> String.join("", parts));
  }

  @Property(tries = 200)
  void encodeNeverThrowsAndReplacesUnpairedSurrogates(@ForAll("anyString") String any) {
    String replaced = replaceUnpaired(any);
    for (String name : ALL) {
      Tokenizer t = SharedVocabs.tokenizer(name);
      int[] ids = t.encode(any, true, true);
      assertThat(ids).isEqualTo(t.encode(replaced, true, true));
      for (int id : ids) {
        assertThat(id).isBetween(0, t.vocabSize() - 1);
      }
    }
  }

  /// Replaces unpaired surrogates with U+FFFD, written independently of the tokenizer's own code.
  private static String replaceUnpaired(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append('\uFFFD');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
