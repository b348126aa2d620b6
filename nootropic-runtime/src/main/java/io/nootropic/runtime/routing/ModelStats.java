package io.nootropic.runtime.routing;

import java.time.Duration;

/// Live statistics of one model, measured by the [io.nootropic.runtime.routing.ModelRegistry] over its most recent calls
/// (a fixed-size window, so memory stays bounded).
///
/// @param model               the model
/// @param samples             calls in the window
/// @param totalCalls          calls since the registry started
/// @param errorRate           failed calls / calls in the window
/// @param latencyP50          median latency of successful calls, `null` without samples
/// @param latencyP95          95th percentile latency of successful calls, `null` without samples
/// @param timeToFirstTokenP50 median time to first streamed token, `null` without streamed samples
/// @param timeToFirstTokenP95 95th percentile time to first token, `null` without streamed samples
/// @param tokensPerSecond     output tokens per second of generation, 0 without samples
public record ModelStats(ModelRef model, int samples, long totalCalls, double errorRate, Duration latencyP50,
    Duration latencyP95, Duration timeToFirstTokenP50, Duration timeToFirstTokenP95, double tokensPerSecond) {

  /// Statistics of a model never called.
  public static ModelStats empty(ModelRef model) {
    return new ModelStats(model, 0, 0, 0, null, null, null, null, 0);
  }
}
