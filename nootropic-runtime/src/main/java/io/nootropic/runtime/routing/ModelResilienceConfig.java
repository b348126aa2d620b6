package io.nootropic.runtime.routing;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.Objects;

/// How one provider is protected: retries and backoff, circuit breaker, time limits, bulkhead and
/// rate limiter. Build with [#custom()]; [#ofDefaults()] suits a remote API.
///
/// Defaults: 3 attempts; backoff 200 ms doubling with ±50% jitter up to 10 s; Retry-After honoured
/// up to 30 s; circuit opens at 50% failures over the last 20 calls (at least 5), stays open 30 s,
/// probes with 2 calls; 60 s per attempt, 20 s to the first streamed token, 30 s between tokens;
/// 16 concurrent calls, waiting up to 100 ms for a slot; 100 calls per second, waiting up to 1 s.
public final class ModelResilienceConfig {

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final double backoffMultiplier;
  private final double jitter;
  private final Duration maxBackoff;
  private final boolean honourRetryAfter;
  private final Duration maxRetryAfter;
  private final Duration timeToFirstToken;
  private final Duration idleTimeout;
  private final TimeLimiterConfig timeLimiter;
  private final CircuitBreakerConfig circuitBreaker;
  private final BulkheadConfig bulkhead;
  private final RateLimiterConfig rateLimiter;
  private final Sleeper sleeper;

  private ModelResilienceConfig(Builder b) {
    maxAttempts = b.maxAttempts;
    initialBackoff = b.initialBackoff;
    backoffMultiplier = b.backoffMultiplier;
    jitter = b.jitter;
    maxBackoff = b.maxBackoff;
    honourRetryAfter = b.honourRetryAfter;
    maxRetryAfter = b.maxRetryAfter;
    timeToFirstToken = b.timeToFirstToken;
    idleTimeout = b.idleTimeout;
    timeLimiter = b.timeLimiter;
    circuitBreaker = b.circuitBreaker;
    bulkhead = b.bulkhead;
    rateLimiter = b.rateLimiter;
    sleeper = b.sleeper;
  }

  /// The defaults described above.
  public static ModelResilienceConfig ofDefaults() {
    return custom().build();
  }

  /// A builder starting from the defaults.
  public static Builder custom() {
    return new Builder();
  }

  /// A builder starting from this configuration.
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.initialBackoff = initialBackoff;
    b.backoffMultiplier = backoffMultiplier;
    b.jitter = jitter;
    b.maxBackoff = maxBackoff;
    b.honourRetryAfter = honourRetryAfter;
    b.maxRetryAfter = maxRetryAfter;
    b.timeToFirstToken = timeToFirstToken;
    b.idleTimeout = idleTimeout;
    b.timeLimiter = timeLimiter;
    b.circuitBreaker = circuitBreaker;
    b.bulkhead = bulkhead;
    b.rateLimiter = rateLimiter;
    b.sleeper = sleeper;
    return b;
  }

  /// Attempts per model, first one included.
  public int maxAttempts() {
    return maxAttempts;
  }

  /// The Resilience4j backoff function: exponential with jitter, capped.
  public IntervalFunction backoff() {
    return jitter > 0
        ? IntervalFunction.ofExponentialRandomBackoff(initialBackoff, backoffMultiplier, jitter, maxBackoff)
        : IntervalFunction.ofExponentialBackoff(initialBackoff, backoffMultiplier, maxBackoff);
  }

  /// The retry policy as a Resilience4j [RetryConfig]: `maxAttempts`, an [IntervalBiFunction]
  /// that waits a failure's Retry-After when it has one (and it is honoured) and the exponential
  /// backoff with jitter otherwise, and a predicate retrying only retryable [FailureKind]s. The
  /// [ProviderGuard] applies it, adding what a plain retry cannot know: no retry once a token
  /// reached the caller, and no wait beyond the caller's deadline.
  public RetryConfig retry() {
    IntervalFunction backoff = backoff();
    IntervalBiFunction<Object> interval = (attempt, outcome) -> {
      if (honourRetryAfter && outcome.isLeft() && outcome.getLeft() instanceof ProviderException pe && pe.retryAfter() != null) {
        return pe.retryAfter().toMillis();
      }
      return backoff.apply(attempt);
    };
    return RetryConfig.custom().maxAttempts(maxAttempts).intervalBiFunction(interval)
        .retryOnException(t -> t instanceof ProviderException pe && pe.kind().retryable())
        .failAfterMaxAttempts(false).build();
  }

  /// Whether a server's Retry-After replaces the computed backoff.
  public boolean honourRetryAfter() {
    return honourRetryAfter;
  }

  /// The longest Retry-After honoured; longer ones end the retries with the error.
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /// The longest wait for the first streamed token.
  public Duration timeToFirstToken() {
    return timeToFirstToken;
  }

  /// The longest silence between two streamed tokens.
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /// The limit of one whole attempt.
  public TimeLimiterConfig timeLimiter() {
    return timeLimiter;
  }

  /// The circuit breaker's configuration.
  public CircuitBreakerConfig circuitBreaker() {
    return circuitBreaker;
  }

  /// The bulkhead's configuration.
  public BulkheadConfig bulkhead() {
    return bulkhead;
  }

  /// The rate limiter's configuration.
  public RateLimiterConfig rateLimiter() {
    return rateLimiter;
  }

  /// How backoffs are waited.
  public Sleeper sleeper() {
    return sleeper;
  }

  /// Whether a failure counts against the provider's circuit breaker: a malformed request is
  /// the caller's fault, not the provider's.
  static boolean countsAgainstProvider(Throwable t) {
    return !(t instanceof ProviderException pe) || (pe.kind() != FailureKind.INVALID_REQUEST
        && pe.kind() != FailureKind.BUDGET_EXCEEDED);
  }

  /// Builds a [ModelResilienceConfig].
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(200);
    private double backoffMultiplier = 2.0;
    private double jitter = 0.5;
    private Duration maxBackoff = Duration.ofSeconds(10);
    private boolean honourRetryAfter = true;
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private Duration timeToFirstToken = Duration.ofSeconds(20);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private TimeLimiterConfig timeLimiter = TimeLimiterConfig.custom()
        .timeoutDuration(Duration.ofSeconds(60)).cancelRunningFuture(true).build();
    private CircuitBreakerConfig circuitBreaker = CircuitBreakerConfig.custom()
        .failureRateThreshold(50)
        .slidingWindow(20, 5, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .waitDurationInOpenState(Duration.ofSeconds(30))
        .permittedNumberOfCallsInHalfOpenState(2)
        .recordException(ModelResilienceConfig::countsAgainstProvider)
        .build();
    private BulkheadConfig bulkhead = BulkheadConfig.custom()
        .maxConcurrentCalls(16).maxWaitDuration(Duration.ofMillis(100)).build();
    private RateLimiterConfig rateLimiter = RateLimiterConfig.custom()
        .limitForPeriod(100).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(1)).build();
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() { }

    /// Attempts per model (1 disables retries), at most 10.
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 10) {
        throw new IllegalArgumentException("maxAttempts must be in [1, 10], was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /// Exponential backoff: first wait, growth factor, jitter in [0, 1) (0 disables), cap.
    public Builder backoff(Duration initial, double multiplier, double jitter, Duration max) {
      if (initial.isNegative() || initial.isZero() || multiplier < 1 || jitter < 0 || jitter >= 1 || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("backoff needs initial > 0, multiplier >= 1, jitter in [0, 1), max >= initial");
      }
      this.initialBackoff = initial;
      this.backoffMultiplier = multiplier;
      this.jitter = jitter;
      this.maxBackoff = max;
      return this;
    }

    /// Whether to honour Retry-After, and the longest wait honoured.
    public Builder retryAfter(boolean honour, Duration max) {
      this.honourRetryAfter = honour;
      this.maxRetryAfter = Objects.requireNonNull(max, "max");
      return this;
    }

    /// Time limits: one attempt, first streamed token, silence between tokens.
    public Builder timeouts(Duration attempt, Duration firstToken, Duration idle) {
      this.timeLimiter = TimeLimiterConfig.custom().timeoutDuration(positive(attempt, "attempt"))
          .cancelRunningFuture(true).build();
      this.timeToFirstToken = positive(firstToken, "firstToken");
      this.idleTimeout = positive(idle, "idle");
      return this;
    }

    /// The circuit breaker (use `.clock(...)` on it to test transitions).
    public Builder circuitBreaker(CircuitBreakerConfig config) {
      this.circuitBreaker = Objects.requireNonNull(config, "config");
      return this;
    }

    /// The bulkhead.
    public Builder bulkhead(BulkheadConfig config) {
      this.bulkhead = Objects.requireNonNull(config, "config");
      return this;
    }

    /// The client-side rate limiter.
    public Builder rateLimiter(RateLimiterConfig config) {
      this.rateLimiter = Objects.requireNonNull(config, "config");
      return this;
    }

    /// How to wait between attempts.
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /// Builds the configuration.
    public ModelResilienceConfig build() {
      return new ModelResilienceConfig(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " timeout must be positive, was " + d);
      }
      return d;
    }
  }
}
