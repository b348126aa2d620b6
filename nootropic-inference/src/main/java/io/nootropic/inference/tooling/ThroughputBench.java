package io.nootropic.inference.tooling;

import io.nootropic.inference.gguf.GgmlType;
import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.gguf.GgufTensorInfo;
import io.nootropic.inference.transformer.InferenceSession;
import io.nootropic.inference.transformer.LanguageModel;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/// Prompt-processing and generation throughput, measured the way llama.cpp's `llama-bench` does:
/// `ppN` ingests N random tokens into a fresh session as one batch; `tgN` decodes N tokens one at
/// a time from a fresh session (greedy). Each test is warmed up (at least once, up to about 2 s of
/// runs), then repeated; the median and the standard deviation are reported.
///
/// Tooling for `nootropic bench`, exported to the CLI only.
public final class ThroughputBench {

  private static final long WARM_UP_NANOS = 2_000_000_000L;
  private static final int MAX_WARM_UP_RUNS = 20;

  /// llama.cpp's names of the file types (`general.file_type`) it reports, e.g. `Q4_K - Medium`.
  private static final Map<Long, String> FILE_TYPES = Map.ofEntries(
      Map.entry(0L, "all F32"), Map.entry(1L, "F16"), Map.entry(2L, "Q4_0"), Map.entry(3L, "Q4_1"),
      Map.entry(7L, "Q8_0"), Map.entry(8L, "Q5_0"), Map.entry(9L, "Q5_1"), Map.entry(14L, "Q4_K - Small"),
      Map.entry(15L, "Q4_K - Medium"), Map.entry(16L, "Q5_K - Small"), Map.entry(17L, "Q5_K - Medium"),
      Map.entry(18L, "Q6_K"), Map.entry(32L, "BF16"));

  private ThroughputBench() {}

  /// One test's result.
  ///
  /// @param test    `ppN` or `tgN`
  /// @param nPrompt prompt tokens per run
  /// @param nGen    generated tokens per run
  /// @param samples tokens per second of each timed run
  /// @param median  their median
  /// @param stddev  their sample standard deviation
  public record Result(String test, int nPrompt, int nGen, double[] samples, double median, double stddev) {}

  /// Runs `ppN` (when `nPrompt > 0`) or `tgN` (when `nGen > 0`) `reps` times after the warm-up,
  /// telling `progress` what runs.
  public static Result run(LanguageModel lm, int nPrompt, int nGen, int reps, SplittableRandom rnd,
                           Consumer<String> progress) {
    if ((nPrompt > 0) == (nGen > 0) || reps < 1) {
      throw new IllegalArgumentException("one of nPrompt and nGen must be positive, and reps at least 1");
    }
    String test = nPrompt > 0 ? "pp" + nPrompt : "tg" + nGen;
    int vocab = lm.config().vocabSize();
    int ctx = Math.min(lm.config().contextLength(), Math.max(1, nPrompt + nGen));
    double[] samples = new double[reps];
    long warmUntil = System.nanoTime() + WARM_UP_NANOS;
    int warmRuns = 0;
    for (int rep = -1; rep < reps; rep++) {
      if (rep == 0 && System.nanoTime() < warmUntil && warmRuns < MAX_WARM_UP_RUNS) {
        rep = -1;                             // keep warming the JIT (at least one run, up to ~2 s)
      }
      if (rep < 0) {
        warmRuns++;
      }
      progress.accept("bench: " + test + " " + (rep < 0 ? "warm-up " + warmRuns : "run " + (rep + 1) + "/" + reps));
      try (InferenceSession s = lm.newSession(ctx)) {
        long t0;
        long t1;
        if (nPrompt > 0) {
          int[] tokens = new int[nPrompt];
          for (int i = 0; i < nPrompt; i++) {
            tokens[i] = rnd.nextInt(vocab);
          }
          t0 = System.nanoTime();
          s.ingest(tokens);
          t1 = System.nanoTime();
        } else {
          int token = rnd.nextInt(vocab);
          t0 = System.nanoTime();
          for (int i = 0; i < nGen; i++) {
            token = argmax(s.next(token));
          }
          t1 = System.nanoTime();
        }
        if (rep >= 0) {
          samples[rep] = (nPrompt + nGen) / ((t1 - t0) / 1e9);
        }
      }
    }
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    double mean = Arrays.stream(samples).average().orElse(0);
    double var = 0;
    for (double v : samples) {
      var += (v - mean) * (v - mean);
    }
    double stddev = samples.length > 1 ? Math.sqrt(var / (samples.length - 1)) : 0;
    return new Result(test, nPrompt, nGen, samples, median, stddev);
  }

  /// `{arch} {size class} {type}`, e.g. `llama 1B Q4_0`, as llama-bench names a model: the type
  /// is the file type llama-bench would name, or else the weight type holding the most bytes.
  public static String modelLabel(GgufFile file, LanguageModel lm) {
    Map<GgmlType, Long> bytes = new EnumMap<>(GgmlType.class);
    for (GgufTensorInfo t : file.tensors()) {
      if (t.shape().length == 2) {
        bytes.merge(t.type(), t.byteSize(), Long::sum);
      }
    }
    GgmlType dominant = bytes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
        .orElse(GgmlType.F32);
    long p = lm.parameterCount();
    String sizeClass = p >= 1e9 ? Math.round(p / 1e9) + "B" : p >= 1e6 ? Math.round(p / 1e6) + "M" : Math.round(p / 1e3) + "K";
    String type = FILE_TYPES.getOrDefault(file.metadata().getLong("general.file_type", -1), dominant.toString());
    return lm.config().architecture() + " " + sizeClass + " " + type;
  }

  private static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }
}
