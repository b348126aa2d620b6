package io.nootropic.cli.inference;

import io.nootropic.inference.LanguageModels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.inference.gguf.GgmlType;
import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.gguf.GgufTensorInfo;
import io.nootropic.inference.transformer.InferenceSession;
import io.nootropic.inference.transformer.LanguageModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/// `nootropic bench`: prompt-processing and generation throughput of a GGUF model on the pure-Java
/// engine, reported like llama.cpp's `llama-bench` (median of repetitions, with the standard deviation).
///
/// `ppN` ingests N random tokens into a fresh session as one batch; `tgN` decodes N tokens one at a
/// time from a fresh session. Each test runs once untimed to warm the JIT, then `-r` times.
/// With `--scalar` the same tests are repeated in a child JVM with `-Dnootropic.vectorBitSize=0`
/// and the SIMD/scalar ratio is reported.
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure prompt (pp) and generation (tg) tokens per second, llama-bench style.")
public final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "GGUF model file.")
  Path model;

  @Option(names = {"-p", "--n-prompt"}, defaultValue = "128", description = "Prompt tokens per pp test (0 skips it; default ${DEFAULT-VALUE}).")
  int prompt;

  @Option(names = {"-n", "--n-gen"}, defaultValue = "64", description = "Generated tokens per tg test (0 skips it; default ${DEFAULT-VALUE}).")
  int gen;

  @Option(names = {"-t", "--threads"}, description = "Kernel threads (default: available processors).")
  Integer threads;

  @Option(names = {"-r", "--repetitions"}, defaultValue = "5", description = "Timed repetitions per test (default ${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--scalar", description = "Also run the tests with scalar kernels in a child JVM and print the SIMD/scalar ratio.")
  boolean scalar;

  @Option(names = "--json", description = "Print JSON instead of the table.")
  boolean json;

  private static final long WARM_UP_NANOS = 2_000_000_000L;
  private static final int MAX_WARM_UP_RUNS = 20;

  /// One test's result.
  record Result(String test, int nPrompt, int nGen, double[] samples, double median, double stddev) { }

  @Override
  public Integer call() throws IOException {
    if (prompt < 0 || gen < 0 || reps < 1 || reps > 1000 || (prompt == 0 && gen == 0)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "need -p >= 0, -n >= 0 (not both 0) and 1 <= -r <= 1000");
    }
    int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    PrintWriter err = spec.commandLine().getErr();
    List<Result> results = new ArrayList<>();
    String label;
    long size;
    long params;
    String backend;
    try (GgufFile file = GgufFile.open(model); LanguageModel lm = LanguageModels.load(file, nThreads)) {
      label = modelLabel(file, lm);
      size = lm.weightBytes();
      params = lm.parameterCount();
      backend = lm.backend();
      SplittableRandom rnd = new SplittableRandom(42);
      if (prompt > 0) {
        results.add(run(lm, "pp" + prompt, prompt, 0, rnd, err));
      }
      if (gen > 0) {
        results.add(run(lm, "tg" + gen, 0, gen, rnd, err));
      }
    }
    List<Result> scalarResults = scalar ? runScalarChild(err) : List.of();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ArrayNode arr = mapper.createArrayNode();
      for (Result r : results) {
        ObjectNode o = arr.addObject();
        o.put("model", label);
        o.put("model_file", model.toString());
        o.put("size_bytes", size);
        o.put("params", params);
        o.put("backend", backend);
        o.put("threads", nThreads);
        o.put("test", r.test());
        o.put("n_prompt", r.nPrompt());
        o.put("n_gen", r.nGen());
        o.put("repetitions", r.samples().length);
        ArrayNode s = o.putArray("samples_ts");
        for (double v : r.samples()) {
          s.add(v);
        }
        o.put("median_ts", r.median());
        o.put("stddev_ts", r.stddev());
        for (Result sr : scalarResults) {
          if (sr.test().equals(r.test())) {
            o.put("scalar_median_ts", sr.median());
            o.put("simd_over_scalar", r.median() / sr.median());
          }
        }
      }
      out.print(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(arr) + "\n");
    } else {
      String fmt = "| %-30s | %10s | %10s | %-28s | %7s | %13s | %20s |%n";
      out.printf(fmt, "model", "size", "params", "backend", "threads", "test", "t/s");
      out.printf("| %s | %s: | %s: | %s | %s: | %s: | %s: |%n", "-".repeat(30), "-".repeat(9), "-".repeat(9),
          "-".repeat(28), "-".repeat(6), "-".repeat(12), "-".repeat(19));
      for (Result r : results) {
        out.printf(fmt, label, String.format(Locale.ROOT, "%.2f MiB", size / 1048576.0),
            String.format(Locale.ROOT, "%.2f %s", params >= 1e9 ? params / 1e9 : params / 1e6, params >= 1e9 ? "B" : "M"),
            backend, nThreads, r.test(), String.format(Locale.ROOT, "%.2f ± %.2f", r.median(), r.stddev()));
      }
      for (Result sr : scalarResults) {
        for (Result r : results) {
          if (sr.test().equals(r.test())) {
            out.printf(fmt, label, "", "", "Java scalar (child JVM)", nThreads, sr.test(),
                String.format(Locale.ROOT, "%.2f ± %.2f", sr.median(), sr.stddev()));
            out.printf(Locale.ROOT, "SIMD/scalar %s: %.2fx%n", r.test(), r.median() / sr.median());
          }
        }
      }
    }
    out.flush();
    return 0;
  }

  private Result run(LanguageModel lm, String test, int nPrompt, int nGen, SplittableRandom rnd, PrintWriter err) {
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
      err.printf("bench: %s %s%n", test, rep < 0 ? "warm-up " + warmRuns : "run " + (rep + 1) + "/" + reps);
      err.flush();
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
            float[] logits = s.next(token);
            token = argmax(logits);
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

  private static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  /// llama.cpp's names of the file types (`general.file_type`) it reports, e.g. `Q4_K - Medium`.
  private static final Map<Long, String> FILE_TYPES = Map.ofEntries(
      Map.entry(0L, "all F32"), Map.entry(1L, "F16"), Map.entry(2L, "Q4_0"), Map.entry(3L, "Q4_1"),
      Map.entry(7L, "Q8_0"), Map.entry(8L, "Q5_0"), Map.entry(9L, "Q5_1"), Map.entry(14L, "Q4_K - Small"),
      Map.entry(15L, "Q4_K - Medium"), Map.entry(16L, "Q5_K - Small"), Map.entry(17L, "Q5_K - Medium"),
      Map.entry(18L, "Q6_K"), Map.entry(32L, "BF16"));

  /// `{arch} {size class} {type}`, e.g. `llama 1B Q4_0`: the type is the file type llama-bench would
  /// name, or else the weight type holding the most bytes.
  private static String modelLabel(GgufFile file, LanguageModel lm) {
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

  private List<Result> runScalarChild(PrintWriter err) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-Dnootropic.vectorBitSize=0");
    cmd.add("--add-modules");
    cmd.add("jdk.incubator.vector");
    String modulePath = System.getProperty("jdk.module.path");
    if (modulePath != null && !modulePath.isEmpty()) {
      cmd.add("-p");
      cmd.add(modulePath);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.nootropic.cli.NootropicCli");
    cmd.addAll(List.of("bench", "--json", "-m", model.toString(), "-p", Integer.toString(prompt),
        "-n", Integer.toString(gen), "-r", Integer.toString(reps)));
    if (threads != null) {
      cmd.addAll(List.of("-t", Integer.toString(threads)));
    }
    err.println("bench: repeating with scalar kernels in a child JVM");
    err.flush();
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("scalar child JVM failed (exit " + p.exitValue() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      throw new IOException("interrupted", e);
    }
    List<Result> out = new ArrayList<>();
    for (JsonNode n : new ObjectMapper().readTree(text)) {
      double[] samples = new double[n.get("samples_ts").size()];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = n.get("samples_ts").get(i).asDouble();
      }
      out.add(new Result(n.get("test").asText(), n.get("n_prompt").asInt(), n.get("n_gen").asInt(), samples,
          n.get("median_ts").asDouble(), n.get("stddev_ts").asDouble()));
    }
    return out;
  }
}
