package io.nootropic.runtime.routing;

import java.time.Duration;

/// What a caller needs from a model: latency limits (checked against measured statistics when
/// routing, and enforced as timeouts when calling) and a tolerable error rate.
///
/// @param maxLatency          p95 latency of a whole answer; `null` for no limit
/// @param maxTimeToFirstToken p95 time to the first streamed token; `null` for no limit
/// @param maxErrorRate        highest acceptable recent error rate in [0, 1], judged once a model
///                            has at least 5 calls in its window (the circuit breaker guards the rest)
public record Sla(Duration maxLatency, Duration maxTimeToFirstToken, double maxErrorRate) {

  /// No requirements.
  public static final Sla NONE = new Sla(null, null, 1.0);

  /// Checks the fields.
  public Sla {
    if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
      throw new IllegalArgumentException("maxErrorRate must be in [0, 1], was " + maxErrorRate);
    }
  }

  /// An SLA with a latency limit.
  public static Sla latency(Duration maxLatency) {
    return new Sla(maxLatency, null, 1.0);
  }
}
