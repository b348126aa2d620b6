package io.nootropic.api.model;

import java.time.Duration;
import java.util.Objects;

/// Tokens and time spent by one model call.
///
/// @param inputTokens    prompt tokens
/// @param outputTokens   completion tokens
/// @param promptTime     time to process the prompt (time to first token for remote models)
/// @param generationTime time spent generating the completion
public record Usage(long inputTokens, long outputTokens, Duration promptTime, Duration generationTime) {

  /// No tokens, no time.
  public static final Usage NONE = new Usage(0, 0, Duration.ZERO, Duration.ZERO);

  /// Checks the fields.
  public Usage {
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0");
    }
    promptTime = Objects.requireNonNullElse(promptTime, Duration.ZERO);
    generationTime = Objects.requireNonNullElse(generationTime, Duration.ZERO);
  }

  /// Prompt plus completion tokens.
  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /// The sum of this usage and another.
  public Usage plus(Usage other) {
    return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
        promptTime.plus(other.promptTime), generationTime.plus(other.generationTime));
  }
}
