package io.nootropic.inference.transformer;

import io.nootropic.inference.LanguageModels;
import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.internal.json.Json;
import java.util.List;
import java.util.Map;
import io.nootropic.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/// The engine against llama.cpp's reference generations for `stories260K.gguf` (all F32), and a
/// forward pass of the F16 `llama-2-tiny-random.gguf`.
class RealModelsTest {

  /// Greedy argmax, lowest id wins ties (as the reference was produced).
  static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  static int[] ints(Object list) {
    List<?> n = (List<?>) list;
    int[] a = new int[n.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ((Number) n.get(i)).intValue();
    }
    return a;
  }

  /// `generated_ids` must equal llama.cpp's exactly; the logits of the last prompt position must be
  /// within 1e-3 (absolute; logits range about -11..18) of `final_prompt_position_logits`.
  @ParameterizedTest
  @ValueSource(strings = {"refs/stories260K.prompt1.json", "refs/stories260K.prompt2.json"})
  void stories260KMatchesLlamaCppGreedyGeneration(String refName) throws Exception {
    Path model = SharedModels.require("stories260K.gguf");
    Map<?, ?> ref = (Map<?, ?>) Json.parse(Files.readString(SharedModels.require(refName)));
    int[] prompt = ints(ref.get("prompt_ids"));
    int[] expected = ints(ref.get("generated_ids"));
    List<?> refLogits = (List<?>) ref.get("final_prompt_position_logits");
    try (GgufFile f = GgufFile.open(model); LanguageModel lm = LanguageModels.load(f);
         InferenceSession s = lm.newSession(512)) {
      float[] logits = s.ingest(prompt);
      assertThat(logits).hasSize(refLogits.size());
      for (int i = 0; i < logits.length; i++) {
        assertThat((double) logits[i]).as("logit %d", i)
            .isCloseTo(((Number) refLogits.get(i)).doubleValue(), org.assertj.core.data.Offset.offset(1e-3));
      }
      int[] generated = new int[expected.length];
      int token = argmax(logits);
      for (int i = 0; i < expected.length; i++) {
        generated[i] = token;
        token = argmax(s.next(token));
      }
      assertThat(generated).containsExactly(expected);
    }
  }

  @Test
  void llama2TinyRandomF16RunsToFiniteLogits() throws Exception {
    Path model = SharedModels.require("llama-2-tiny-random.gguf");
    try (GgufFile f = GgufFile.open(model); LanguageModel lm = LanguageModels.load(f, 2);
         InferenceSession s = lm.newSession(64)) {
      assertThat(lm.config().vocabSize()).isEqualTo(32000);
      float[] logits = s.ingest(new int[] {1, 450, 4996, 17354, 1701, 29916});
      assertThat(logits).hasSize(32000);
      boolean allFinite = true;
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (float v : logits) {
        allFinite &= Float.isFinite(v);
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      assertThat(allFinite).isTrue();
      assertThat(max).isGreaterThan(min);
      assertThat(s.next(argmax(logits))).hasSize(32000);
    }
  }
}
