package io.nootropic.cli.inference;

import io.nootropic.api.model.GenerationOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/// Sampling options shared by `generate` and `chat` (defaults follow llama.cpp's).
final class SamplingOptions {

  @Option(names = "--temp", paramLabel = "T", description = "temperature; 0 = greedy (default ${DEFAULT-VALUE})")
  double temperature = 0.8;

  @Option(names = "--top-k", paramLabel = "K", description = "keep the K most likely tokens; 0 = off (default ${DEFAULT-VALUE})")
  int topK = 40;

  @Option(names = "--top-p", paramLabel = "P", description = "nucleus mass in (0, 1]; 1 = off (default ${DEFAULT-VALUE})")
  double topP = 0.95;

  @Option(names = "--min-p", paramLabel = "P", description = "drop tokens below P x p(best); 0 = off (default ${DEFAULT-VALUE})")
  double minP = 0.05;

  @Option(names = "--repeat-penalty", paramLabel = "R", description = "penalty for the last 64 tokens; 1 = off (default ${DEFAULT-VALUE})")
  double repeatPenalty = 1.0;

  @Option(names = "--presence-penalty", paramLabel = "R", description = "subtracted from tokens of the last 64; 0 = off (default ${DEFAULT-VALUE})")
  double presencePenalty = 0.0;

  @Option(names = "--seed", paramLabel = "N", description = "random seed (default: random; printed on stderr)")
  Long seed;

  @Option(names = "--stop", paramLabel = "TEXT", description = "stop before this text (repeatable)")
  List<String> stop = new ArrayList<>();

  @Option(names = "--ctx", paramLabel = "N", description = "context (KV cache) size in tokens (default: min(4096, model's))")
  Integer contextLength;

  long effectiveSeed() {
    if (seed == null) {
      seed = new java.util.SplittableRandom().nextLong();
    }
    return seed;
  }

  GenerationOptions toOptions(int maxTokens) {
    return new GenerationOptions(maxTokens, temperature, topK, topP, minP, repeatPenalty, presencePenalty,
        effectiveSeed(), stop, false);
  }
}
