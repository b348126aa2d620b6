package io.nootropic.api.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/// What a model can do and what it costs.
///
/// @param id                    model id unique within its provider, e.g. `qwen2.5-coder-1.5b-q4_0`
/// @param provider              the [ModelProvider#name()] offering it
/// @param contextLength         maximum tokens of prompt plus completion
/// @param modalities            content kinds it accepts
/// @param supportsTools         whether it can emit tool calls
/// @param supportsJson          whether it can be constrained to JSON output
/// @param costPer1kInputTokens  US dollars per 1,000 prompt tokens (0 for local models)
/// @param costPer1kOutputTokens US dollars per 1,000 completion tokens (0 for local models)
/// @param expectedLatency       declared typical latency of a short answer
/// @param local                 whether it runs in this process with no network
public record ModelDescriptor(
    String id,
    String provider,
    int contextLength,
    Set<Modality> modalities,
    boolean supportsTools,
    boolean supportsJson,
    double costPer1kInputTokens,
    double costPer1kOutputTokens,
    Duration expectedLatency,
    boolean local) {

  /// Checks the fields.
  public ModelDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(provider, "provider");
    if (contextLength <= 0) {
      throw new IllegalArgumentException("contextLength must be positive, was " + contextLength + " for " + id);
    }
    modalities = modalities == null || modalities.isEmpty() ? Set.of(Modality.TEXT) : Set.copyOf(modalities);
    if (!(costPer1kInputTokens >= 0) || !(costPer1kOutputTokens >= 0)) {
      throw new IllegalArgumentException("costs must be >= 0 for " + id);
    }
    expectedLatency = expectedLatency == null ? Duration.ZERO : expectedLatency;
  }

  /// The cost in US dollars of a call with the given token counts.
  public double cost(long inputTokens, long outputTokens) {
    return inputTokens / 1000.0 * costPer1kInputTokens + outputTokens / 1000.0 * costPer1kOutputTokens;
  }
}
