package io.nootropic.inference.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.gguf.GgufMetadata;
import io.nootropic.testing.SharedModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/// SentencePiece tokenized segment by segment (split where U+2581 follows another char) against
/// llama.cpp's algorithm over the whole text, on the real Llama 2 vocabulary.
@AddLifecycleHook(SpmSegmentationDifferentialTest.RequiresVocab.class)
class SpmSegmentationDifferentialTest {

  static final class RequiresVocab implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      boolean present = Files.isRegularFile(SharedModels.dir().resolve("vocab/ggml-vocab-llama-spm.gguf"));
      return present || "true".equalsIgnoreCase(System.getenv("CI"))
          ? SkipResult.doNotSkip() : SkipResult.skip("shared fixture missing");
    }
  }

  private static SpmEngine engine;

  private static synchronized SpmEngine engine() {
    if (engine == null) {
      try (GgufFile gguf = GgufFile.open(SharedModels.require("vocab/ggml-vocab-llama-spm.gguf"))) {
        GgufMetadata md = gguf.metadata();
        engine = new SpmEngine(Vocabulary.builder(Vocabulary.Model.SPM, md.getStringArray("tokenizer.ggml.tokens"))
            .scores(md.getFloatArray("tokenizer.ggml.scores"))
            .tokenTypes(md.getIntArray("tokenizer.ggml.token_type"))
            .build());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return engine;
  }

  @Provide
  Arbitrary<String> text() {
    Arbitrary<String> parts = Arbitraries.oneOf(
        Arbitraries.strings().withChars(" \n\t\u2581").ofMinLength(1).ofMaxLength(4),
        Arbitraries.strings().alpha().ofMaxLength(8),
        Arbitraries.strings().numeric().ofMaxLength(4),
        Arbitraries.of("Hello", "world", "'s", "é", "中文", "😀", "...", "(x)", "▁▁a", "a▁"),
        Arbitraries.integers().between(0x20, 0x2FFF).map(Character::toString));
    return parts.list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l)).filter(s -> !s.isEmpty());
  }

  @Property(tries = 400)
  void segmentedEqualsWholeText(@ForAll("text") String text) {
    SpmEngine e = engine();
    String escaped = ("\u2581" + text).replace(' ', '\u2581');
    assertThat(e.encode(text, false, false)).isEqualTo(e.tokenizeWhole(escaped));
  }
}
