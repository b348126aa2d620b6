package io.nootropic.inference.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.model.GenerationOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SamplerTest {

  private static GenerationOptions options(double temp, int topK, double topP, double minP, double rep, double presence, long seed) {
    return new GenerationOptions(64, temp, topK, topP, minP, rep, presence, seed, List.of(), false);
  }

  @Provide
  Arbitrary<float[]> logits() {
    return Arbitraries.floats().between(-20f, 20f).array(float[].class).ofMinSize(1).ofMaxSize(300);
  }

  @Provide
  Arbitrary<float[]> tiedLogits() {
    // few distinct values, so ties are common
    return Arbitraries.of(-1f, 0f, 2.5f, 7f).array(float[].class).ofMinSize(1).ofMaxSize(50);
  }

  private static int naiveArgmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  @Property
  void greedyIsArgmaxLowestIdWinsTies(@ForAll("tiedLogits") float[] logits) {
    Sampler sampler = Sampler.of(GenerationOptions.DEFAULTS, logits.length);
    assertThat(sampler.sample(logits)).isEqualTo(naiveArgmax(logits));
  }

  @Test
  void greedyTieGoesToTheLowestId() {
    Sampler sampler = Sampler.of(GenerationOptions.DEFAULTS, 5);
    assertThat(sampler.sample(new float[] {1f, 3f, 0f, 3f, 3f})).isEqualTo(1);
  }

  @Property
  void topKOneEqualsGreedy(@ForAll("logits") float[] logits, @ForAll @DoubleRange(min = 0.1, max = 3) double temp,
                           @ForAll long seed) {
    Sampler topOne = Sampler.of(options(temp, 1, 1.0, 0.0, 1.0, 0.0, seed), logits.length);
    assertThat(topOne.sample(logits)).isEqualTo(naiveArgmax(logits));
  }

  @Property
  void minPOnlyChoosesTokensAboveTheThreshold(@ForAll("logits") float[] logits,
                                             @ForAll @DoubleRange(min = 0.01, max = 1) double minP,
                                             @ForAll @DoubleRange(min = 0.1, max = 5) double temp,
                                             @ForAll long seed) {
    Sampler sampler = Sampler.of(options(temp, 0, 1.0, minP, 1.0, 0.0, seed), logits.length);
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double z = 0;
    for (float l : logits) {
      z += Math.exp(l - max);
    }
    double pmax = 1.0 / z;
    for (int i = 0; i < 20; i++) {
      int t = sampler.sample(logits);
      double p = Math.exp(logits[t] - max) / z;
      assertThat(p).isGreaterThanOrEqualTo(minP * pmax * (1 - 1e-6));
    }
  }

  @Property
  void topKOnlyChoosesAmongTheKBest(@ForAll("logits") float[] logits, @ForAll @IntRange(min = 1, max = 10) int k,
                                    @ForAll long seed) {
    Sampler sampler = Sampler.of(options(1.0, k, 1.0, 0.0, 1.0, 0.0, seed), logits.length);
    float[] sorted = logits.clone();
    java.util.Arrays.sort(sorted);
    float kth = sorted[Math.max(0, sorted.length - k)];
    for (int i = 0; i < 20; i++) {
      assertThat(logits[sampler.sample(logits)]).isGreaterThanOrEqualTo(kth);
    }
  }

  @Property
  void topPKeepsTheSmallestNucleus(@ForAll("logits") float[] logits, @ForAll @DoubleRange(min = 0.05, max = 0.95) double topP,
                                   @ForAll long seed) {
    // a token may be chosen only if the mass of the tokens strictly better than it is < topP
    Sampler sampler = Sampler.of(options(1.0, 0, topP, 0.0, 1.0, 0.0, seed), logits.length);
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double z = 0;
    for (float l : logits) {
      z += Math.exp(l - max);
    }
    for (int i = 0; i < 20; i++) {
      int t = sampler.sample(logits);
      double better = 0;
      for (int j = 0; j < logits.length; j++) {
        if (logits[j] > logits[t] || (logits[j] == logits[t] && j < t)) {
          better += Math.exp(logits[j] - max) / z;
        }
      }
      assertThat(better).isLessThan(topP + 1e-5);
    }
  }


  static float[] gaussian(long seed, int n, double scale) {
    java.util.Random r = new java.util.Random(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (r.nextGaussian() * scale);
    }
    return out;
  }

  @Property(tries = 60)
  void topKOnLargeVocabulariesBothSelectionPaths(@ForAll long seed, @ForAll @IntRange(min = 1, max = 1500) int k) {
    float[] logits = gaussian(seed, 2000, 2.0);
    Sampler sampler = Sampler.of(options(1.0, k, 1.0, 0.0, 1.0, 0.0, seed), logits.length);
    float[] sorted = logits.clone();
    java.util.Arrays.sort(sorted);
    float kth = sorted[sorted.length - k];
    for (int i = 0; i < 10; i++) {
      assertThat(logits[sampler.sample(logits)]).isGreaterThanOrEqualTo(kth);
    }
  }

  @Property(tries = 60)
  void topPOnLargeVocabulariesSmallAndLargeNuclei(@ForAll long seed, @ForAll @DoubleRange(min = 0.05, max = 5) double scale,
                                                  @ForAll @DoubleRange(min = 0.05, max = 0.99) double topP) {
    float[] logits = gaussian(seed, 3000, scale);
    Sampler sampler = Sampler.of(options(1.0, 0, topP, 0.0, 1.0, 0.0, seed), logits.length);
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double z = 0;
    for (float l : logits) {
      z += Math.exp(l - max);
    }
    for (int i = 0; i < 10; i++) {
      int t = sampler.sample(logits);
      double better = 0;
      for (int j = 0; j < logits.length; j++) {
        if (logits[j] > logits[t] || (logits[j] == logits[t] && j < t)) {
          better += Math.exp(logits[j] - max) / z;
        }
      }
      assertThat(better).isLessThan(topP + 1e-5);
    }
  }

  @Property
  void theSameSeedReproducesTheSequence(@ForAll("logits") float[] logits, @ForAll long seed,
                                        @ForAll @DoubleRange(min = 0.2, max = 2) double temp) {
    GenerationOptions o = options(temp, 40, 0.9, 0.05, 1.1, 0.2, seed);
    Sampler a = Sampler.of(o, logits.length);
    Sampler b = Sampler.of(o, logits.length);
    for (int i = 0; i < 30; i++) {
      int ta = a.sample(logits);
      int tb = b.sample(logits);
      assertThat(ta).isEqualTo(tb);
      a.accept(ta);
      b.accept(tb);
    }
  }

  @Test
  void differentSeedsGiveDifferentSequences() {
    float[] logits = new float[100];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (i % 7) * 0.1f;
    }
    int[] a = new int[50];
    int[] b = new int[50];
    Sampler sa = Sampler.of(options(1.0, 0, 1.0, 0.0, 1.0, 0.0, 1), logits.length);
    Sampler sb = Sampler.of(options(1.0, 0, 1.0, 0.0, 1.0, 0.0, 2), logits.length);
    for (int i = 0; i < a.length; i++) {
      a[i] = sa.sample(logits);
      b[i] = sb.sample(logits);
    }
    assertThat(a).isNotEqualTo(b);
  }

  @Property
  void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogits(
      @ForAll @IntRange(min = 2, max = 50) int vocab, @ForAll @DoubleRange(min = 1.05, max = 3) double penalty,
      @ForAll @IntRange(min = 0, max = 1000) int which, @ForAll @DoubleRange(min = -10, max = 10) double value) {
    int repeated = which % vocab;
    float[] logits = new float[vocab];
    java.util.Arrays.fill(logits, 0.5f);
    logits[repeated] = (float) value;
    // greedy with a huge competitor: observe the penalised value via a token that ties with it
    Sampler sampler = Sampler.of(options(0.0, 0, 1.0, 0.0, penalty, 0.0, 1), vocab);
    sampler.accept(repeated);
    float expected = value > 0 ? (float) (value / penalty) : (float) (value * penalty);
    float expectedPenalised = value > 0 ? (float) value / (float) penalty : (float) value * (float) penalty;
    assertThat(expectedPenalised).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4f));
    // a competitor just below the original value but above the penalised one now wins
    int other = (repeated + 1) % vocab;
    float[] probe = new float[vocab];
    java.util.Arrays.fill(probe, -100f);
    probe[repeated] = (float) value;
    float between = (expectedPenalised + (float) value) / 2;
    if (between < value && between > expectedPenalised) {
      probe[other] = between;
      assertThat(sampler.sample(probe)).isEqualTo(other);
    }
    // and one just below the penalised value still loses
    probe[other] = expectedPenalised - 1e-3f - Math.abs(expectedPenalised) * 1e-4f;
    assertThat(sampler.sample(probe)).isEqualTo(repeated);
  }

  @Property
  void presencePenaltySubtractsOnceWhateverTheCount(@ForAll @DoubleRange(min = 0.1, max = 5) double presence,
                                                     @ForAll @IntRange(min = 1, max = 10) int repeats) {
    Sampler sampler = Sampler.of(options(0.0, 0, 1.0, 0.0, 1.0, presence, 1), 3);
    for (int i = 0; i < repeats; i++) {
      sampler.accept(0);
    }
    assertThat(sampler.windowCount(0)).isEqualTo(repeats);
    float gap = (float) presence;
    // token 0 beats token 1 by slightly less than the penalty: penalised, it loses
    assertThat(sampler.sample(new float[] {1f + gap * 0.9f, 1f, -5f})).isEqualTo(1);
    // by slightly more: it still wins (penalty applied once, not per occurrence)
    assertThat(sampler.sample(new float[] {1f + gap * 1.1f, 1f, -5f})).isEqualTo(0);
  }

  @Test
  void penaltiesOnlyLookAtTheWindow() {
    Sampler sampler = Sampler.of(options(0.0, 0, 1.0, 0.0, 2.0, 0.0, 1), 4, 3);
    sampler.accept(0);
    sampler.accept(1);
    sampler.accept(2);
    assertThat(sampler.sample(new float[] {4f, 1f, 1f, 3f})).isEqualTo(3); // 0 penalised to 2
    sampler.accept(3); // evicts token 0
    assertThat(sampler.windowCount(0)).isZero();
    assertThat(sampler.sample(new float[] {4f, 1f, 1f, 3f})).isEqualTo(0);
    sampler.reset();
    assertThat(sampler.windowCount(3)).isZero();
  }

  @Test
  void samplingFollowsTheDistribution() {
    float[] logits = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};
    Sampler sampler = Sampler.of(options(1.0, 0, 1.0, 0.0, 1.0, 0.0, 7), 3);
    Map<Integer, Integer> hist = new HashMap<>();
    int n = 20000;
    for (int i = 0; i < n; i++) {
      hist.merge(sampler.sample(logits), 1, Integer::sum);
    }
    assertThat(hist.get(0) / (double) n).isBetween(0.47, 0.53);
    assertThat(hist.get(1) / (double) n).isBetween(0.27, 0.33);
    assertThat(hist.get(2) / (double) n).isBetween(0.17, 0.23);
  }

  @Test
  void lowTemperatureSharpensTheDistribution() {
    float[] logits = {1f, 0.5f, 0f};
    Sampler sampler = Sampler.of(options(0.05, 0, 1.0, 0.0, 1.0, 0.0, 7), 3);
    int zeros = 0;
    for (int i = 0; i < 1000; i++) {
      zeros += sampler.sample(logits) == 0 ? 1 : 0;
    }
    assertThat(zeros).isGreaterThan(990);
  }

  @Test
  void shortLogitsAreRejected() {
    Sampler sampler = Sampler.of(GenerationOptions.DEFAULTS, 10);
    assertThatThrownBy(() -> sampler.sample(new float[3])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vocabulary has 10");
  }

  @Test
  void logitsAreNotModified() {
    float[] logits = {3f, 1f, 2f};
    Sampler sampler = Sampler.of(options(0.0, 0, 1.0, 0.0, 2.0, 1.0, 1), 3);
    sampler.accept(0);
    sampler.sample(logits);
    assertThat(logits).containsExactly(3f, 1f, 2f);
  }
}
