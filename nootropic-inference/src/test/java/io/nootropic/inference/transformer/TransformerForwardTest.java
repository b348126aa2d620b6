package io.nootropic.inference.transformer;

import io.nootropic.inference.LanguageModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.model.ModelException;
import io.nootropic.inference.gguf.GgmlType;
import io.nootropic.inference.gguf.GgufFile;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Whole forward passes of small random-weight models (every supported architecture and switch)
/// against [ReferenceTransformer], a plain implementation written in the test.
///
/// Tolerance: logits within `2e-3 + 1e-3 * |logit|`. Both sides compute the same function; the
/// differences come from float vs double accumulation and from the rare value that lands on the
/// other side of an f16 rounding boundary in the KV cache.
class TransformerForwardTest {

  /// Fixed so the suite is deterministic: on random weights a value now and then lands on the other
  /// side of an f16 rounding boundary in one implementation only, which can exceed the tolerance
  /// (seen once in hundreds of runs, seed 8671667874303). Explore with `-Dnootropic.test.seed=N`.
  private static final long SEED = Long.getLong("nootropic.test.seed", 20261124L);

  @TempDir Path dir;

  private void check(SyntheticModel m, int promptLength, int steps) throws Exception {
    Path file = m.write(dir, SEED);
    Random rnd = new Random(SEED);
    int[] prompt = new int[promptLength];
    for (int i = 0; i < promptLength; i++) {
      prompt[i] = rnd.nextInt(m.vocab);
    }
    ReferenceTransformer ref = new ReferenceTransformer(m);
    float[] want = null;
    for (int t : prompt) {
      want = ref.step(t);
    }
    try (GgufFile f = GgufFile.open(file); LanguageModel lm = LanguageModels.load(f, 2);
         InferenceSession s = lm.newSession(64)) {
      assertThat(lm.config().architecture()).isEqualTo(m.arch);
      float[] got = s.ingest(prompt);
      assertClose(got, want, "seed " + SEED + ", " + m.arch + " prompt");
      for (int i = 0; i < steps; i++) {
        int t = rnd.nextInt(m.vocab);
        want = ref.step(t);
        got = s.next(t);
        assertClose(got, want, "seed " + SEED + ", " + m.arch + " step " + i);
      }
      assertThat(s.position()).isEqualTo(promptLength + steps);
    }
  }

  private static void assertClose(float[] got, float[] want, String what) {
    assertThat(got).hasSize(want.length);
    for (int i = 0; i < want.length; i++) {
      assertThat(Float.isFinite(got[i])).as(what + " logit " + i + " finite").isTrue();
      assertThat((double) got[i]).as(what + " logit " + i)
          .isCloseTo(want[i], org.assertj.core.data.Offset.offset(2e-3 + 1e-3 * Math.abs(want[i])));
    }
  }

  private static SyntheticModel model(Consumer<SyntheticModel> c) {
    SyntheticModel m = new SyntheticModel();
    c.accept(m);
    return m;
  }

  @Test
  void llamaWithGqaAndSeparateOutput() throws Exception {
    check(model(m -> { }), 19, 5);
  }

  @Test
  void llamaTiedEmbeddingsRopeFactorsAndLinearScaling() throws Exception {
    check(model(m -> {
      m.tied = true;
      m.ropeFreqs = true;
      m.linearRopeFactor = 4f;
      m.ropeBase = 500000f;
    }), 11, 3);
  }

  @Test
  void llamaWithQ8_0Matrices() throws Exception {
    check(model(m -> m.matrixType = GgmlType.Q8_0), 9, 3);
  }

  @Test
  void qwen2WithQkvBiasesAndNeoxRope() throws Exception {
    check(model(m -> {
      m.arch = "qwen2";
      m.heads = 4;
      m.kvHeads = 1;
      m.tied = true;
    }), 17, 4);
  }

  @Test
  void qwen3WithQkNormsAndExplicitHeadSize() throws Exception {
    check(model(m -> {
      m.arch = "qwen3";
      m.headDim = 32;          // heads * headDim = 128 != dim
      m.explicitHeadDim = true;
    }), 13, 4);
  }

  @Test
  void longPromptsAreSplitIntoBatchesWithTheSameResult() throws Exception {
    SyntheticModel m = model(x -> x.layers = 1);
    Path file = m.write(dir, SEED);
    Random rnd = new Random(SEED);
    int[] prompt = new int[200];                     // > one 128-token batch
    for (int i = 0; i < prompt.length; i++) {
      prompt[i] = rnd.nextInt(m.vocab);
    }
    try (GgufFile f = GgufFile.open(file); LanguageModel lm = LanguageModels.load(f, 2);
         InferenceSession batched = lm.newSession(256); InferenceSession single = lm.newSession(256)) {
      float[] a = batched.ingest(prompt).clone();
      float[] b = null;
      for (int t : prompt) {
        b = single.next(t);
      }
      assertClose(a, b, "seed " + SEED + " batched vs one by one");
    }
  }

  @Test
  void rewindReusesThePrefix() throws Exception {
    SyntheticModel m = model(x -> { });
    Path file = m.write(dir, SEED);
    try (GgufFile f = GgufFile.open(file); LanguageModel lm = LanguageModels.load(f, 2);
         InferenceSession s = lm.newSession(32)) {
      float[] first = s.ingest(new int[] {1, 2, 3, 4, 5}).clone();
      s.ingest(new int[] {9, 9, 9});
      s.rewind(3);
      assertThat(s.position()).isEqualTo(3);
      float[] again = s.ingest(new int[] {4, 5});
      // Same kernels and the same cached keys and values, but not bit for bit: reduceLanes(ADD)
      // sums lanes in an order that can change once C2 compiles a kernel between the two calls,
      // and a last-bit change can flip the f16 rounding of a cached value.
      assertClose(again, first, "seed " + SEED + " after rewind");
      assertThatThrownBy(() -> s.rewind(6)).isInstanceOf(ModelException.class).hasMessageContaining("holds 5");
    }
  }

  @Test
  void weightsTruncatedWhileMappedGiveATypedError() throws Exception {
    SyntheticModel m = model(x -> { });
    Path file = m.write(dir, SEED);
    try (GgufFile f = GgufFile.open(file); LanguageModel lm = LanguageModels.load(f, 2);
         InferenceSession s = lm.newSession(32)) {
      s.ingest(new int[] {1, 2, 3});
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
          java.nio.file.StandardOpenOption.WRITE)) {
        ch.truncate(4096);
      }
      assertThatThrownBy(() -> s.next(4)).isInstanceOf(io.nootropic.inference.gguf.MappedFileChangedException.class)
          .hasMessageContaining("truncated");
      assertThat(s.position()).isEqualTo(3);
    }
  }

  @Test
  void badInputGetsTypedErrorsAndLeavesTheSessionUsable() throws Exception {
    SyntheticModel m = model(x -> { });
    Path file = m.write(dir, SEED);
    try (GgufFile f = GgufFile.open(file); LanguageModel lm = LanguageModels.load(f, 2);
         InferenceSession s = lm.newSession(8)) {
      s.ingest(new int[] {1, 2, 3, 4, 5, 6});
      assertThatThrownBy(() -> s.ingest(new int[] {1, 2, 3})).isInstanceOf(ContextLengthException.class)
          .hasMessageContaining("6 of 8");
      assertThatThrownBy(() -> s.next(m.vocab)).isInstanceOf(ModelException.class)
          .hasMessageContaining("outside the vocabulary");
      assertThatThrownBy(() -> s.ingest(new int[0])).isInstanceOf(ModelException.class);
      assertThat(s.position()).isEqualTo(6);
      assertThat(s.next(7)).hasSize(m.vocab);
      assertThatThrownBy(() -> lm.newSession(m.ctx + 1)).isInstanceOf(ContextLengthException.class);
      assertThatThrownBy(() -> lm.newSession(0)).isInstanceOf(ContextLengthException.class);
    }
  }
}
