package io.nootropic.api.model;

import java.util.List;

/// Sampling and stopping options for one generation.
///
/// @param maxTokens         most tokens to generate (> 0)
/// @param temperature       0 means greedy
/// @param topK              keep the k most likely tokens; 0 disables
/// @param topP              nucleus sampling mass in (0, 1]; 1 disables
/// @param minP              drop tokens below `minP * p(best)`; 0 disables
/// @param repetitionPenalty 1 disables
/// @param presencePenalty   0 disables
/// @param seed              RNG seed; the same seed reproduces a run exactly
/// @param stop              stop strings; generation ends before any of them
/// @param jsonOutput        ask the model for a JSON object
public record GenerationOptions(
    int maxTokens,
    double temperature,
    int topK,
    double topP,
    double minP,
    double repetitionPenalty,
    double presencePenalty,
    long seed,
    List<String> stop,
    boolean jsonOutput) {

  /// Greedy decoding of at most 256 tokens.
  public static final GenerationOptions DEFAULTS =
      new GenerationOptions(256, 0.0, 0, 1.0, 0.0, 1.0, 0.0, 42L, List.of(), false);

  /// Checks the ranges.
  public GenerationOptions {
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be > 0, was " + maxTokens);
    }
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be a finite number >= 0, was " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0, was " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
    }
    if (!(minP >= 0 && minP <= 1)) {
      throw new IllegalArgumentException("minP must be in [0, 1], was " + minP);
    }
    if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
      throw new IllegalArgumentException("repetitionPenalty must be a finite number > 0, was " + repetitionPenalty);
    }
    stop = stop == null ? List.of() : List.copyOf(stop);
  }

  /// A copy with a different token limit.
  public GenerationOptions withMaxTokens(int maxTokens) {
    return new GenerationOptions(maxTokens, temperature, topK, topP, minP, repetitionPenalty,
        presencePenalty, seed, stop, jsonOutput);
  }

  /// A copy with a different temperature.
  public GenerationOptions withTemperature(double temperature) {
    return new GenerationOptions(maxTokens, temperature, topK, topP, minP, repetitionPenalty,
        presencePenalty, seed, stop, jsonOutput);
  }

  /// A copy with a different seed.
  public GenerationOptions withSeed(long seed) {
    return new GenerationOptions(maxTokens, temperature, topK, topP, minP, repetitionPenalty,
        presencePenalty, seed, stop, jsonOutput);
  }
}
