package io.nootropic.cli.inference;

import io.nootropic.cli.common.Progress;
import io.nootropic.inference.tooling.ThroughputBench;
import io.nootropic.inference.tooling.ThroughputBench.Result;
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

  @Override
  public Integer call() throws IOException {
    if (prompt < 0 || gen < 0 || reps < 1 || reps > 1000 || (prompt == 0 && gen == 0)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "need -p >= 0, -n >= 0 (not both 0) and 1 <= -r <= 1000");
    }
    int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    Progress progress = Progress.of(spec);
    List<Result> results = new ArrayList<>();
    String label;
    long size;
    long params;
    String backend;
    try (GgufFile file = GgufFile.open(model); LanguageModel lm = LanguageModels.load(file, nThreads)) {
      label = ThroughputBench.modelLabel(file, lm);
      size = lm.weightBytes();
      params = lm.parameterCount();
      backend = lm.backend();
      SplittableRandom rnd = new SplittableRandom(42);
      if (prompt > 0) {
        results.add(ThroughputBench.run(lm, prompt, 0, reps, rnd, progress::update));
      }
      if (gen > 0) {
        results.add(ThroughputBench.run(lm, 0, gen, reps, rnd, progress::update));
      }
    }
    progress.done();
    List<Result> scalarResults = scalar ? runScalarChild(progress) : List.of();
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

  private List<Result> runScalarChild(Progress progress) throws IOException {
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
    cmd.addAll(List.of("bench", "--json", "--quiet", "-m", model.toString(), "-p", Integer.toString(prompt),
        "-n", Integer.toString(gen), "-r", Integer.toString(reps)));
    if (threads != null) {
      cmd.addAll(List.of("-t", Integer.toString(threads)));
    }
    progress.say("bench: repeating with scalar kernels in a child JVM");
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
