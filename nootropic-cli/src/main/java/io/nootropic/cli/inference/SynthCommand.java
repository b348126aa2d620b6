package io.nootropic.cli.inference;

import io.nootropic.cli.common.CliFiles;
import io.nootropic.cli.common.Progress;
import io.nootropic.inference.gguf.SyntheticModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/// `nootropic synth`: writes a random-weight model of a real shape with a vocab GGUF's tokenizer
/// ([SyntheticModel]), so throughput can be measured without downloading weights.
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Write a random-weight model of a real shape with a tokenizer copied from a vocab GGUF.")
public final class SynthCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--shape", required = true, paramLabel = "SHAPE",
      description = "llama-3.2-1b, qwen2.5-0.5b or tiny (a 4-layer llama).")
  String shape;

  @Option(names = "--type", required = true, paramLabel = "TYPE", description = "q4_0, q8_0, q4_k, q4_k_m (llama.cpp's Q4_K/Q6_K mix) or f16.")
  String type;

  @Option(names = "--vocab", required = true, paramLabel = "FILE", description = "Vocab-only GGUF whose tokenizer.* keys are copied.")
  Path vocab;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "GGUF file to write.")
  Path out;

  @Option(names = {"-s", "--seed"}, defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print a JSON summary instead of text.")
  boolean json;

  /// Creates the command; picocli fills in the fields.
  public SynthCommand() {}

  @Override
  public Integer call() throws IOException {
    SyntheticModel.Shape s;
    SyntheticModel.Type t;
    try {
      s = SyntheticModel.Shape.forName(shape);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "unknown --shape " + shape + " (llama-3.2-1b, qwen2.5-0.5b, tiny)");
    }
    try {
      t = SyntheticModel.Type.forName(type);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "unknown --type " + type + " (q4_0, q8_0, q4_k, q4_k_m, f16)");
    }
    CliFiles.requireFile(vocab, "--vocab");
    Progress progress = Progress.of(spec);
    SyntheticModel.Summary r = SyntheticModel.write(s, t, vocab, out, seed,
        (name, ggml, index, total) -> progress.update("synth: tensor " + index + "/" + total + " " + name + " " + ggml));
    progress.done();
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.printf(Locale.ROOT, "{\"out\": \"%s\", \"shape\": \"%s\", \"type\": \"%s\", \"vocab\": %d, \"matrix_params\": %d}%n",
          out.toString().replace("\\", "\\\\").replace("\"", "\\\""), s.externalName(), t, r.vocabSize(), r.matrixParams());
    } else {
      o.printf(Locale.ROOT, "wrote %s: %s shape, %s weights, %d tokens, %.2f B matrix parameters%n",
          out, s.externalName(), t, r.vocabSize(), r.matrixParams() / 1e9);
    }
    o.flush();
    return 0;
  }
}
