package io.nootropic.inference.sampling;

import io.nootropic.api.model.GenerationOptions;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/// Picks the next token from a vector of logits, following [GenerationOptions].
///
/// The steps run in llama.cpp's default order: repetition and presence penalties over a window of
/// the most recent tokens ([#accept(int)]), then top-k, min-p, top-p, temperature, and a draw from
/// the remaining distribution. A temperature of 0 means greedy decoding: the argmax of the
/// penalised logits, the lowest token id winning a tie (llama.cpp's reference behaviour). min-p and
/// top-p are judged on the untempered distribution, as llama.cpp does when temperature comes last.
///
/// The random generator is an `L64X128MixRandom` seeded from [GenerationOptions#seed()], so the same
/// seed and the same logits give the same tokens. All work arrays are allocated once per sampler;
/// [#sample(float[])] allocates nothing. A sampler is not thread-safe: use one per generation.
public final class Sampler {

  /// Number of recent tokens the penalties look at (llama.cpp's `penalty_last_n` default).
  public static final int DEFAULT_PENALTY_WINDOW = 64;

  private final int vocabSize;
  private final double temperature;
  private final int topK;
  private final double topP;
  private final double minP;
  private final float repetitionPenalty;
  private final float presencePenalty;
  private final RandomGenerator random;

  private static final int HEAP_SELECT_MAX = 512;
  private static final int NUCLEUS_PROBE = 1024;

  private final float[] work;
  private final int[] index;
  private final int[] probeIndex = new int[NUCLEUS_PROBE];
  private final float[] probs;

  // penalty window: ring buffer of recent tokens plus per-token counts inside the window
  private final int[] window;
  private final int[] counts;
  private final int[] stamp;
  private int windowStart;
  private int windowSize;
  private int stampCounter;

  private Sampler(GenerationOptions options, int vocabSize, int penaltyWindow, RandomGenerator random) {
    if (vocabSize <= 0) {
      throw new IllegalArgumentException("vocabSize must be > 0, was " + vocabSize);
    }
    if (penaltyWindow < 0) {
      throw new IllegalArgumentException("penaltyWindow must be >= 0, was " + penaltyWindow);
    }
    this.vocabSize = vocabSize;
    this.temperature = options.temperature();
    this.topK = options.topK();
    this.topP = options.topP();
    this.minP = options.minP();
    this.repetitionPenalty = (float) options.repetitionPenalty();
    this.presencePenalty = (float) options.presencePenalty();
    this.random = random;
    this.work = new float[vocabSize];
    this.index = new int[vocabSize];
    this.probs = new float[vocabSize];
    boolean penalties = repetitionPenalty != 1f || presencePenalty != 0f;
    this.window = new int[penalties ? penaltyWindow : 0];
    this.counts = penalties && penaltyWindow > 0 ? new int[vocabSize] : new int[0];
    this.stamp = penalties && penaltyWindow > 0 ? new int[vocabSize] : new int[0];
  }

  /// A sampler for the given options over a vocabulary of `vocabSize` tokens, with the default
  /// penalty window of [#DEFAULT_PENALTY_WINDOW] tokens.
  public static Sampler of(GenerationOptions options, int vocabSize) {
    return of(options, vocabSize, DEFAULT_PENALTY_WINDOW);
  }

  /// A sampler with an explicit penalty window (0 turns the penalties off).
  public static Sampler of(GenerationOptions options, int vocabSize, int penaltyWindow) {
    Objects.requireNonNull(options, "options");
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(options.seed());
    return new Sampler(options, vocabSize, penaltyWindow, random);
  }

  /// A sampler that draws from the given random generator instead of one seeded from the options
  /// (for tests that inject randomness).
  public static Sampler of(GenerationOptions options, int vocabSize, int penaltyWindow, RandomGenerator random) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(random, "random");
    return new Sampler(options, vocabSize, penaltyWindow, random);
  }

  /// The vocabulary size this sampler was built for.
  public int vocabSize() {
    return vocabSize;
  }

  /// Whether this sampler decodes greedily (temperature 0).
  public boolean isGreedy() {
    return temperature == 0.0;
  }

  /// Records a token (of the prompt or generated) in the penalty window.
  public void accept(int token) {
    if (window.length == 0 || token < 0 || token >= vocabSize) {
      return;
    }
    if (windowSize == window.length) {
      int evicted = window[windowStart];
      counts[evicted]--;
      window[windowStart] = token;
      windowStart = (windowStart + 1) % window.length;
    } else {
      window[(windowStart + windowSize) % window.length] = token;
      windowSize++;
    }
    counts[token]++;
  }

  /// Forgets the penalty window.
  public void reset() {
    for (int i = 0; i < windowSize; i++) {
      counts[window[(windowStart + i) % window.length]] = 0;
    }
    windowStart = 0;
    windowSize = 0;
  }

  /// The number of times `token` occurs in the penalty window.
  public int windowCount(int token) {
    return counts.length == 0 || token < 0 || token >= vocabSize ? 0 : counts[token];
  }

  /// Chooses the next token. `logits` is read, never modified; it must hold at least
  /// [#vocabSize()] values.
  ///
  /// @throws IllegalArgumentException when `logits` is shorter than the vocabulary
  public int sample(float[] logits) {
    if (logits.length < vocabSize) {
      throw new IllegalArgumentException("logits has " + logits.length + " values, vocabulary has " + vocabSize);
    }
    System.arraycopy(logits, 0, work, 0, vocabSize);
    applyPenalties(work);
    if (temperature == 0.0) {
      return argmax(work, vocabSize);
    }
    int n = vocabSize;
    boolean sorted = false;
    if (topK > 0 && topK < n && topK <= HEAP_SELECT_MAX) {
      // one sequential pass with a small heap: far fewer cache misses than quickselect
      heapSelectAll(work, n, topK, index);
      n = topK;
    } else {
      for (int i = 0; i < n; i++) {
        index[i] = i;
      }
      if (topK > 0 && topK < n) {
        select(index, 0, n - 1, topK, work);
        n = topK;
      }
    }
    if (topK == 1) {
      return index[0];
    }
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      float v = work[index[i]];
      if (v > max) {
        max = v;
      }
    }
    if (max == Float.NEGATIVE_INFINITY || Float.isNaN(max)) {
      return argmax(work, vocabSize);
    }
    if (minP > 0.0) {
      // p_i >= minP * p_max  <=>  logit_i >= max + ln(minP)
      double threshold = max + Math.log(minP);
      int kept = 0;
      for (int i = 0; i < n; i++) {
        int t = index[i];
        if (work[t] >= threshold) {
          index[kept++] = t;
        }
      }
      n = Math.max(kept, 1);
    }
    if (topP < 1.0 && n > 1) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Math.exp(work[index[i]] - max);
      }
      int keep = -1;
      if (n > NUCLEUS_PROBE) {
        // the nucleus is usually small: look for it among the best NUCLEUS_PROBE candidates first
        heapSelect(work, index, n, NUCLEUS_PROBE, probeIndex);
        sortDescending(probeIndex, 0, NUCLEUS_PROBE - 1, work);
        keep = nucleus(probeIndex, NUCLEUS_PROBE, max, sum);
        if (keep > 0) {
          System.arraycopy(probeIndex, 0, index, 0, keep);
        }
      }
      if (keep < 0) {
        sortDescending(index, 0, n - 1, work);
        keep = nucleus(index, n, max, sum);
        if (keep < 0) {
          keep = n;
        }
      }
      sorted = true;
      n = keep;
    }
    if (n == 1) {
      return index[0];
    }
    if (!sorted) {
      // a canonical order makes the draw independent of how the candidates were shuffled
      sortDescending(index, 0, n - 1, work);
    }
    double invTemp = 1.0 / temperature;
    double total = 0;
    for (int i = 0; i < n; i++) {
      double p = Math.exp((work[index[i]] - max) * invTemp);
      probs[i] = (float) p;
      total += p;
    }
    double r = random.nextDouble() * total;
    double acc = 0;
    for (int i = 0; i < n; i++) {
      acc += probs[i];
      if (r < acc) {
        return index[i];
      }
    }
    return index[n - 1];
  }

  private void applyPenalties(float[] logits) {
    if (windowSize == 0) {
      return;
    }
    int mark = ++stampCounter;
    if (mark == Integer.MAX_VALUE) {
      java.util.Arrays.fill(stamp, 0);
      stampCounter = 1;
      mark = 1;
    }
    for (int i = 0; i < windowSize; i++) {
      int t = window[(windowStart + i) % window.length];
      if (stamp[t] == mark) {
        continue;
      }
      stamp[t] = mark;
      float v = logits[t];
      if (repetitionPenalty != 1f) {
        v = v > 0 ? v / repetitionPenalty : v * repetitionPenalty;
      }
      v -= presencePenalty;
      logits[t] = v;
    }
  }

  /// The index of the largest value among the first `n`; the lowest index wins a tie. NaN values
  /// are never chosen unless every value is NaN.
  public static int argmax(float[] values, int n) {
    int best = 0;
    float bestValue = Float.NEGATIVE_INFINITY;
    boolean found = false;
    for (int i = 0; i < n; i++) {
      float v = values[i];
      if (!found ? v == v : v > bestValue) {
        best = i;
        bestValue = v;
        found = true;
      }
    }
    return best;
  }

  // ordering: higher logit first, lower id first on a tie
  private static boolean before(int a, int b, float[] key) {
    float ka = key[a];
    float kb = key[b];
    return ka > kb || (ka == kb && a < b);
  }

  /// Rearranges `idx[lo..hi]` so that its first `k` entries are the `k` best (in any order).
  private static void select(int[] idx, int lo, int hi, int k, float[] key) {
    int target = lo + k - 1;
    while (lo < hi) {
      int p = partition(idx, lo, hi, key);
      if (p == target) {
        return;
      } else if (p < target) {
        lo = p + 1;
      } else {
        hi = p - 1;
      }
    }
  }

  private static int partition(int[] idx, int lo, int hi, float[] key) {
    int mid = (lo + hi) >>> 1;
    // median of three as pivot, moved to hi
    if (before(idx[mid], idx[lo], key)) {
      swap(idx, mid, lo);
    }
    if (before(idx[hi], idx[lo], key)) {
      swap(idx, hi, lo);
    }
    if (before(idx[mid], idx[hi], key)) {
      swap(idx, mid, hi);
    }
    int pivot = idx[hi];
    int store = lo;
    for (int i = lo; i < hi; i++) {
      if (before(idx[i], pivot, key)) {
        swap(idx, i, store++);
      }
    }
    swap(idx, store, hi);
    return store;
  }

  private static void sortDescending(int[] idx, int lo, int hi, float[] key) {
    while (hi - lo > 16) {
      int p = partition(idx, lo, hi, key);
      if (p - lo < hi - p) {
        sortDescending(idx, lo, p - 1, key);
        lo = p + 1;
      } else {
        sortDescending(idx, p + 1, hi, key);
        hi = p - 1;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      int v = idx[i];
      int j = i - 1;
      while (j >= lo && before(v, idx[j], key)) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = v;
    }
  }

  /// Number of leading candidates (sorted best first) whose probability mass reaches topP, or -1
  /// when all `n` together do not.
  private int nucleus(int[] idx, int n, float max, double sum) {
    double cumulative = 0;
    for (int i = 0; i < n; i++) {
      cumulative += Math.exp(work[idx[i]] - max) / sum;
      if (cumulative >= topP) {
        return i + 1;
      }
    }
    return -1;
  }

  /// Puts the `k` best of all token ids `0..n-1` into `out[0..k)` (in heap order).
  private static void heapSelectAll(float[] key, int n, int k, int[] out) {
    for (int i = 0; i < k; i++) {
      out[i] = i;
      siftUp(out, i, key);
    }
    int worst = out[0];
    for (int t = k; t < n; t++) {
      if (before(t, worst, key)) {
        out[0] = t;
        siftDown(out, k, key);
        worst = out[0];
      }
    }
  }

  /// Puts the `k` best of the candidates `idx[0..n)` into `out[0..k)` (in heap order).
  private static void heapSelect(float[] key, int[] idx, int n, int k, int[] out) {
    for (int i = 0; i < k; i++) {
      out[i] = idx[i];
      siftUp(out, i, key);
    }
    int worst = out[0];
    for (int j = k; j < n; j++) {
      int t = idx[j];
      if (before(t, worst, key)) {
        out[0] = t;
        siftDown(out, k, key);
        worst = out[0];
      }
    }
  }

  // min-heap on "goodness": the root is the worst candidate kept
  private static void siftUp(int[] heap, int i, float[] key) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (before(heap[parent], heap[i], key)) {
        swap(heap, parent, i);
        i = parent;
      } else {
        return;
      }
    }
  }

  private static void siftDown(int[] heap, int size, float[] key) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int r = l + 1;
      int worse = r < size && before(heap[l], heap[r], key) ? r : l;
      if (before(heap[i], heap[worse], key)) {
        swap(heap, i, worse);
        i = worse;
      } else {
        return;
      }
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
