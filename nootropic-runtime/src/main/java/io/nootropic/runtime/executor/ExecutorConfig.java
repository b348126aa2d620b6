package io.nootropic.runtime.executor;

import io.nootropic.api.event.EventSink;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/// Settings of a [TaskExecutor].
///
/// @param parallelism    tasks running at once, at least 1
/// @param defaultTimeout limit per attempt for tasks that set none
/// @param driftFactor    a critical task drifts when running past estimate × this factor
/// @param openTelemetry  where task spans go; [OpenTelemetry#noop()] by default
/// @param events         where drift events go (task events come from the graph service)
/// @param clock          stamps drift events
public record ExecutorConfig(
    int parallelism, Duration defaultTimeout, double driftFactor, OpenTelemetry openTelemetry, EventSink events,
    Clock clock) {

  /// Checks the fields.
  public ExecutorConfig {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    Objects.requireNonNull(defaultTimeout, "defaultTimeout");
    if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
      throw new IllegalArgumentException("defaultTimeout must be positive, was " + defaultTimeout);
    }
    openTelemetry = openTelemetry == null ? OpenTelemetry.noop() : openTelemetry;
    events = events == null ? EventSink.NONE : events;
    clock = clock == null ? Clock.systemUTC() : clock;
  }

  /// Defaults: 8 tasks at once, 10 minutes per attempt, drift at 1.5 × estimate, no tracing.
  public static ExecutorConfig ofDefaults() {
    return new ExecutorConfig(8, Duration.ofMinutes(10), 1.5, OpenTelemetry.noop(), EventSink.NONE, Clock.systemUTC());
  }

  /// A copy with another parallelism.
  public ExecutorConfig withParallelism(int n) {
    return new ExecutorConfig(n, defaultTimeout, driftFactor, openTelemetry, events, clock);
  }

  /// A copy with another default timeout.
  public ExecutorConfig withDefaultTimeout(Duration t) {
    return new ExecutorConfig(parallelism, t, driftFactor, openTelemetry, events, clock);
  }

  /// A copy with another drift factor.
  public ExecutorConfig withDriftFactor(double f) {
    return new ExecutorConfig(parallelism, defaultTimeout, f, openTelemetry, events, clock);
  }

  /// A copy that traces to `otel`.
  public ExecutorConfig withOpenTelemetry(OpenTelemetry otel) {
    return new ExecutorConfig(parallelism, defaultTimeout, driftFactor, otel, events, clock);
  }

  /// A copy that publishes drift events to `sink`.
  public ExecutorConfig withEvents(EventSink sink) {
    return new ExecutorConfig(parallelism, defaultTimeout, driftFactor, openTelemetry, sink, clock);
  }
}
