package io.nootropic.runtime.routing;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.StreamingHandler;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The resilience of one provider: a Resilience4j circuit breaker, bulkhead and rate limiter
/// shared by all its models, and the retry loop with time limits used for each call.
///
/// A call is retried on the same model only when its failure is retryable
/// ([FailureKind#retryable()]), no token has reached the caller yet, attempts remain, and the
/// wait (Retry-After if the server sent one and it is honoured, else exponential backoff with
/// jitter) ends before the caller's deadline.
public final class ProviderGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderGuard.class);

  private final String provider;
  private final ModelResilienceConfig config;
  private final CircuitBreaker circuitBreaker;
  private final Bulkhead bulkhead;
  private final RateLimiter rateLimiter;
  private final io.github.resilience4j.retry.RetryConfig retry;

  private ProviderGuard(String provider, ModelResilienceConfig config) {
    this.provider = provider;
    this.config = config;
    this.circuitBreaker = CircuitBreaker.of(provider, config.circuitBreaker());
    this.bulkhead = Bulkhead.of(provider, config.bulkhead());
    this.rateLimiter = RateLimiter.of(provider, config.rateLimiter());
    this.retry = config.retry();
    circuitBreaker.getEventPublisher().onStateTransition(e ->
        LOG.info("provider {}: circuit breaker {}", provider, e.getStateTransition()));
  }

  /// A guard for the named provider.
  public static ProviderGuard of(String provider, ModelResilienceConfig config) {
    return new ProviderGuard(Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(config, "config"));
  }

  /// The provider's name.
  public String provider() {
    return provider;
  }

  /// The configuration.
  public ModelResilienceConfig config() {
    return config;
  }

  /// The circuit breaker (for its state and metrics).
  public CircuitBreaker circuitBreaker() {
    return circuitBreaker;
  }

  /// The bulkhead.
  public Bulkhead bulkhead() {
    return bulkhead;
  }

  /// The rate limiter.
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /// Why the provider cannot take calls now, or `null` when it can. Does not take a permit.
  public String unavailableReason() {
    CircuitBreaker.State state = circuitBreaker.getState();
    if (state == CircuitBreaker.State.OPEN && circuitBreaker.tryAcquirePermission()) {
      circuitBreaker.releasePermission(); // the wait is over: now half-open, probing allowed
      return null;
    }
    return switch (state) {
      case OPEN, FORCED_OPEN -> "circuit breaker " + state.name().toLowerCase(java.util.Locale.ROOT)
          + " after failure rate " + Math.round(circuitBreaker.getMetrics().getFailureRate()) + "%";
      default -> null;
    };
  }

  /// Calls `model` with retries and time limits.
  ///
  /// @param ref          the model's reference
  /// @param model        the model
  /// @param request      the request
  /// @param caller       receives tokens; [StreamingHandler#NONE] for a non-streaming call
  /// @param deadlineNanos `System.nanoTime()` by which the whole call must be over
  /// @param slaFirstToken a tighter limit on the time to first token from the caller's SLA, or `null`
  /// @param slaLatency   a tighter limit on one attempt from the caller's SLA, or `null`
  /// @param attempts     receives every attempt made (shared across fallbacks, so numbering
  ///                     continues)
  /// @param observer     is told about each attempt
  /// @return the answer and how it streamed
  /// @throws Outcome when the model failed for good; says how many tokens were delivered
  public Success call(ModelRef ref, ChatModel model, ChatRequest request, StreamingHandler caller,
      long deadlineNanos, Duration slaFirstToken, Duration slaLatency, List<Attempt> attempts, AttemptObserver observer) throws Outcome {
    Duration wait = Duration.ZERO;
    for (int local = 1; ; local++) {
      int number = attempts.size() + 1;
      long start = System.nanoTime();
      ProviderException error;
      int delivered = 0;
      observer.started(ref, number);
      String refusal = acquire(deadlineNanos);
      if (refusal != null) {
        FailureKind kind = refusal.startsWith("circuit") ? FailureKind.CIRCUIT_OPEN
            : refusal.startsWith("bulkhead") ? FailureKind.BULKHEAD_FULL : FailureKind.RATE_LIMITER_FULL;
        error = new ProviderException(kind, ref + ": " + refusal);
        Attempt a = new Attempt(number, ref, Duration.ofNanos(System.nanoTime() - start), 0, kind, 0, refusal, wait);
        attempts.add(a);
        observer.finished(a, null, null, error);
        throw new Outcome(error, 0);
      }
      try {
        Duration firstToken = min(config.timeToFirstToken(), slaFirstToken);
        Duration attemptLimit = min(config.timeLimiter().getTimeoutDuration(), slaLatency);
        var limits = new StreamWatchdog.Limits(firstToken, config.idleTimeout(), start + attemptLimit.toNanos(), deadlineNanos);
        StreamWatchdog.Result result = StreamWatchdog.run(ref, model, request, caller, limits);
        long elapsed = System.nanoTime() - start;
        circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        Attempt a = new Attempt(number, ref, Duration.ofNanos(elapsed), result.delivered(), null, 0, "", wait);
        attempts.add(a);
        observer.finished(a, result.response(), result.ttft(), null);
        return new Success(result.response(), result.delivered(), result.ttft());
      } catch (StreamWatchdog.Failure f) {
        long elapsed = System.nanoTime() - start;
        error = f.error();
        delivered = f.delivered();
        circuitBreaker.onError(elapsed, TimeUnit.NANOSECONDS, error);
        Attempt a = new Attempt(number, ref, Duration.ofNanos(elapsed), delivered, error.kind(), error.httpStatus(),
            error.getMessage(), wait);
        attempts.add(a);
        observer.finished(a, null, null, error);
      } catch (RuntimeException callerFault) {
        // the caller's handler threw: give the permit back and let the caller see its own error
        circuitBreaker.releasePermission();
        Attempt a = new Attempt(number, ref, Duration.ofNanos(System.nanoTime() - start), 0, FailureKind.MODEL_ERROR, 0,
            "the caller's streaming handler threw " + callerFault, wait);
        attempts.add(a);
        observer.finished(a, null, null, callerFault);
        throw callerFault;
      } finally {
        bulkhead.onComplete();
      }
      // decide whether to retry
      if (delivered > 0 || !retry.getExceptionPredicate().test(error) || local >= retry.getMaxAttempts()) {
        throw new Outcome(error, delivered);
      }
      boolean missedSla = (error.kind() == FailureKind.FIRST_TOKEN_TIMEOUT && slaFirstToken != null
          && slaFirstToken.compareTo(config.timeToFirstToken()) < 0)
          || (error.kind() == FailureKind.ATTEMPT_TIMEOUT && slaLatency != null
          && slaLatency.compareTo(config.timeLimiter().getTimeoutDuration()) < 0);
      if (missedSla) {
        // the model is too slow for this caller: retrying it would miss the SLA again
        throw new Outcome(new ProviderException(error.kind(), 0, null, error.getMessage() + " (missed the caller's SLA)", error), 0);
      }
      Duration retryAfter = error.retryAfter();
      if (retryAfter != null && config.honourRetryAfter()) {
        if (retryAfter.compareTo(config.maxRetryAfter()) > 0) {
          throw new Outcome(new ProviderException(error.kind(), error.httpStatus(), retryAfter,
              error.getMessage() + " (Retry-After " + retryAfter.toMillis() + " ms exceeds the longest honoured wait "
                  + config.maxRetryAfter().toMillis() + " ms)", error), 0);
        }
      }
      wait = Duration.ofMillis(retry.<Object>getIntervalBiFunction().apply(local, io.github.resilience4j.core.functions.Either.left(error)));
      if (System.nanoTime() + wait.toNanos() >= deadlineNanos) {
        throw new Outcome(new ProviderException(error.kind(), error.httpStatus(), retryAfter,
            error.getMessage() + " (no time left for another attempt after waiting " + wait.toMillis() + " ms)", error), 0);
      }
      LOG.debug("provider {}: attempt {} of {} failed ({}), retrying in {} ms", provider, local, ref, error.kind(), wait.toMillis());
      try {
        config.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Outcome(new ProviderException(FailureKind.DEADLINE_EXCEEDED, 0, null, ref + ": interrupted while backing off", e), 0);
      }
    }
  }

  /// Takes circuit breaker, rate limiter and bulkhead permits; returns why not, or `null`.
  private String acquire(long deadlineNanos) {
    if (!circuitBreaker.tryAcquirePermission()) {
      return "circuit breaker " + circuitBreaker.getState().name().toLowerCase(java.util.Locale.ROOT);
    }
    long remaining = Math.max(0, deadlineNanos - System.nanoTime());
    if (!waitForRate(remaining)) {
      circuitBreaker.releasePermission();
      return "rate limiter: no permit within " + Math.min(config.rateLimiter().getTimeoutDuration().toMillis(),
          remaining / 1_000_000) + " ms";
    }
    if (!bulkhead.tryAcquirePermission()) {
      circuitBreaker.releasePermission();
      return "bulkhead full: " + config.bulkhead().getMaxConcurrentCalls() + " concurrent calls";
    }
    return null;
  }

  private boolean waitForRate(long remainingNanos) {
    long ns = rateLimiter.reservePermission();
    if (ns < 0 || ns > remainingNanos) {
      return false;
    }
    try {
      if (ns > 0) {
        TimeUnit.NANOSECONDS.sleep(ns);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.compareTo(b) <= 0 ? a : b;
  }

  /// A successful call.
  ///
  /// @param response  the answer
  /// @param delivered tokens handed to the caller
  /// @param ttft      time to the first streamed token, or `null`
  public record Success(io.nootropic.api.model.ChatResponse response, int delivered, Duration ttft) { }

  /// A model failed for good under this guard.
  public static final class Outcome extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ProviderException error;
    private final int delivered;

    Outcome(ProviderException error, int delivered) {
      super(error.getMessage(), error, false, false);
      this.error = error;
      this.delivered = delivered;
    }

    /// The last error.
    public ProviderException error() {
      return error;
    }

    /// Tokens delivered to the caller before the failure (if > 0, no fallback may be tried).
    public int delivered() {
      return delivered;
    }
  }
}
