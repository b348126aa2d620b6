package io.nootropic.runtime.agent;

import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;

/// What a host injects into a [BaseAgent].
///
/// @param openTelemetry  where spans go; [OpenTelemetry#noop()] when the host installs no SDK
/// @param defaultTimeout limit for requests that set none; `null` for no limit
/// @param clock          stamps events
public record AgentOptions(OpenTelemetry openTelemetry, Duration defaultTimeout, Clock clock) {

  /// Fills in defaults and checks the timeout.
  public AgentOptions {
    openTelemetry = openTelemetry == null ? OpenTelemetry.noop() : openTelemetry;
    if (defaultTimeout != null && (defaultTimeout.isNegative() || defaultTimeout.isZero())) {
      throw new IllegalArgumentException("defaultTimeout must be positive, was " + defaultTimeout);
    }
    clock = clock == null ? Clock.systemUTC() : clock;
  }

  /// No tracing, no default timeout, the system clock.
  public static AgentOptions defaults() {
    return new AgentOptions(OpenTelemetry.noop(), null, Clock.systemUTC());
  }

  /// A copy that traces to `otel`.
  public AgentOptions withOpenTelemetry(OpenTelemetry otel) {
    return new AgentOptions(otel, defaultTimeout, clock);
  }

  /// A copy with a default timeout.
  public AgentOptions withDefaultTimeout(Duration timeout) {
    return new AgentOptions(openTelemetry, timeout, clock);
  }
}
