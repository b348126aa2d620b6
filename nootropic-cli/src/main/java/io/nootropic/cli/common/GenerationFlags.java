package io.nootropic.cli.common;

import io.nootropic.api.model.GenerationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/// The generation flags every command that calls a model shares (`generate`, `chat`, `route`),
/// with llama.cpp's names and defaults, the vocabulary its users know. Long names from OpenAI's
/// API are accepted as aliases (`--max-tokens`, `--temperature`).
public final class GenerationFlags {

  @Option(names = {"-n", "--n-predict", "--max-tokens"}, paramLabel = "N",
      description = "most tokens to generate (default ${DEFAULT-VALUE})")
  public int maxTokens = 256;

  @Option(names = {"--temp", "--temperature"}, paramLabel = "T", description = "temperature; 0 = greedy (default ${DEFAULT-VALUE})")
  public double temperature = 0.8;

  @Option(names = "--top-k", paramLabel = "K", description = "keep the K most likely tokens; 0 = off (default ${DEFAULT-VALUE})")
  public int topK = 40;

  @Option(names = "--top-p", paramLabel = "P", description = "nucleus mass in (0, 1]; 1 = off (default ${DEFAULT-VALUE})")
  public double topP = 0.95;

  @Option(names = "--min-p", paramLabel = "P", description = "drop tokens below P x p(best); 0 = off (default ${DEFAULT-VALUE})")
  public double minP = 0.05;

  @Option(names = "--repeat-penalty", paramLabel = "R", description = "penalty for the last 64 tokens; 1 = off (default ${DEFAULT-VALUE})")
  public double repeatPenalty = 1.0;

  @Option(names = "--presence-penalty", paramLabel = "R", description = "subtracted from tokens of the last 64; 0 = off (default ${DEFAULT-VALUE})")
  public double presencePenalty = 0.0;

  @Option(names = {"-s", "--seed"}, paramLabel = "N", description = "random seed (default: random; printed on stderr)")
  public Long seed;

  @Option(names = "--stop", paramLabel = "TEXT", description = "stop before this text (repeatable)")
  public List<String> stop = new ArrayList<>();

  @Option(names = {"-c", "--ctx-size", "--ctx"}, paramLabel = "N",
      description = "context (KV cache) size in tokens of a local model (default: min(4096, the model's))")
  public Integer contextLength;

  /// Creates the flags with their defaults; picocli fills them in.
  public GenerationFlags() {}

  /// The seed: the one given, else a random one chosen now (and kept).
  public long effectiveSeed() {
    if (seed == null) {
      seed = new SplittableRandom().nextLong();
    }
    return seed;
  }

  /// The options these flags describe.
  ///
  /// @throws CommandLine.ParameterException naming the flag when a value is out of range
  public GenerationOptions toOptions(CommandSpec spec) {
    if (maxTokens < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "-n must be at least 1, was " + maxTokens);
    }
    try {
      return new GenerationOptions(maxTokens, temperature, topK, topP, minP, repeatPenalty, presencePenalty,
          effectiveSeed(), stop, false);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
