package io.nootropic.inference;

import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.Usage;

/// The outcome of one [Generator] call.
///
/// @param text           the generated text (stop string and what follows it excluded)
/// @param tokens         the generated token ids (end-of-generation token excluded)
/// @param finishReason   why generation ended: [FinishReason#STOP] (end-of-generation token or
///                       stop string), [FinishReason#LENGTH] (token limit or context full),
///                       [FinishReason#CANCELLED]
/// @param usage          prompt and completion token counts, prompt and generation time
/// @param reusedTokens   prompt tokens whose KV cache entries were reused from the previous call
/// @param stopString     the stop string that ended generation, or `null`
public record GenerationResult(String text, int[] tokens, FinishReason finishReason, Usage usage,
                               int reusedTokens, String stopString) {

  /// Number of prompt tokens actually processed by the model (prompt minus reused prefix).
  public long ingestedTokens() {
    return usage.inputTokens() - reusedTokens;
  }
}
