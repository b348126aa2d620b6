package io.nootropic.runtime.routing;

import io.nootropic.runtime.fake.FakeProvider;
import static io.nootropic.runtime.fake.FakeProvider.answer;
import static io.nootropic.runtime.fake.FakeProvider.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.nootropic.api.model.ChatRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ProviderGuardTest {

  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final Sleeper recording = sleeps::add;
  final FakeProvider remote = new FakeProvider("remote").model("m", false, 0.001, 0.002, false, Duration.ofMillis(10));

  ModelRegistry registry(ModelResilienceConfig config) {
    return ModelRegistry.builder().provider(remote, config).strategy(RoutingStrategy.cheapest()).build();
  }

  @Test
  void retriesWithExponentialBackoffAndJitter() {
    remote.script("m", fail(FailureKind.SERVER_ERROR), fail(FailureKind.OVERLOADED), fail(FailureKind.CONNECTION_RESET), answer("fine"));
    var config = ModelResilienceConfig.custom().maxAttempts(4).backoff(Duration.ofMillis(100), 2.0, 0.5, Duration.ofSeconds(5))
        .sleeper(recording).build();

    RoutedResponse r = registry(config).chat(ChatRequest.of("hi"), CallContext.DEFAULT);

    assertThat(r.response().text()).isEqualTo("fine");
    assertThat(r.attempts()).hasSize(4);
    assertThat(sleeps).hasSize(3);
    // nominal waits 100, 200, 400 ms, each randomised by +-50%
    assertThat(sleeps.get(0).toMillis()).isBetween(50L, 150L);
    assertThat(sleeps.get(1).toMillis()).isBetween(100L, 300L);
    assertThat(sleeps.get(2).toMillis()).isBetween(200L, 600L);
    assertThat(r.attempts().get(1).waitBefore()).isEqualTo(sleeps.get(0));
  }

  @Test
  void honoursRetryAfterInsteadOfTheBackoff() {
    remote.script("m", FakeProvider.fail(new ProviderException(FailureKind.RATE_LIMITED, 429, Duration.ofSeconds(3), "429", null)), answer("ok"));
    var config = ModelResilienceConfig.custom().sleeper(recording).build();

    RoutedResponse r = registry(config).chat(ChatRequest.of("hi"), CallContext.DEFAULT);

    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(r.attempts()).extracting(Attempt::failure).containsExactly(FailureKind.RATE_LIMITED, null);
  }

  @Test
  void aRetryAfterBeyondTheDeadlineFailsAtOnceWithTheReason() {
    remote.script("m", FakeProvider.fail(new ProviderException(FailureKind.RATE_LIMITED, 429, Duration.ofSeconds(20), "429", null)));
    var config = ModelResilienceConfig.custom().sleeper(recording).build();

    assertThatThrownBy(() -> registry(config).chat(ChatRequest.of("hi"), CallContext.DEFAULT.withDeadline(Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(ModelCallException.class, e -> {
          assertThat(e.attempts()).hasSize(1);
          assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
          assertThat(e.getCause()).hasMessageContaining("no time left for another attempt after waiting 20000 ms");
        });
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aStreamIsRetriedWhileNoTokenReachedTheCallerAndNoTokenIsDeliveredTwice() {
    remote.script("m", fail(FailureKind.TRUNCATED_STREAM), answer("a", "b", "c"));
    List<String> got = new ArrayList<>();

    RoutedResponse r = registry(ModelResilienceConfig.custom().sleeper(recording).build())
        .chat(ChatRequest.of("hi"), CallContext.DEFAULT, got::add);

    assertThat(got).containsExactly("a", "b", "c");
    assertThat(r.response().text()).isEqualTo("abc");
    assertThat(r.attempts()).hasSize(2);
  }

  @Test
  void aStreamThatFailsAfterDeliveringTokensIsNeitherRetriedNorFallenBack() {
    FakeProvider other = new FakeProvider("other").model("backup", false, 0.01, 0.01, false, Duration.ofMillis(10));
    remote.script("m", FakeProvider.streamThenFail(new ProviderException(FailureKind.CONNECTION_RESET, "reset"), "a", "b"));
    ModelRegistry registry = ModelRegistry.builder().provider(remote, ModelResilienceConfig.custom().sleeper(recording).build())
        .provider(other).strategy(RoutingStrategy.cheapest()).build();
    List<String> got = new ArrayList<>();

    assertThatThrownBy(() -> registry.chat(ChatRequest.of("hi"), CallContext.DEFAULT, got::add))
        .isInstanceOfSatisfying(ModelCallException.class, e -> {
          assertThat(e.attempts()).singleElement().satisfies(a -> {
            assertThat(a.tokensDelivered()).isEqualTo(2);
            assertThat(a.failure()).isEqualTo(FailureKind.CONNECTION_RESET);
          });
          assertThat(e.getMessage()).contains("after streaming 2 tokens");
        });
    assertThat(got).containsExactly("a", "b");
    assertThat(other.calls("backup")).isZero();
  }

  @Test
  void idleStreamsAndHungCallsEndWithATypedErrorWithinTheDeadline() {
    remote.otherwise("m", FakeProvider.slow(Duration.ZERO, Duration.ofSeconds(30), "a", "b"));
    var config = ModelResilienceConfig.custom().maxAttempts(1)
        .timeouts(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMillis(100)).build();
    List<String> got = new ArrayList<>();

    assertThatThrownBy(() -> registry(config).chat(ChatRequest.of("hi"), CallContext.DEFAULT, got::add))
        .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.IDLE_TIMEOUT));
    assertThat(got).containsExactly("a");

    FakeProvider hung = new FakeProvider("hung").model("h", false, 0, 0, false, Duration.ZERO);
    hung.otherwise("h", new FakeProvider.Hang());
    ModelRegistry r = ModelRegistry.builder().provider(hung, ModelResilienceConfig.custom().sleeper(recording).build()).build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> r.chat(ChatRequest.of("hi"), CallContext.DEFAULT.withDeadline(Duration.ofMillis(200))))
        .isInstanceOfSatisfying(ModelCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.DEADLINE_EXCEEDED);
          assertThat(e.attempts()).singleElement().extracting(Attempt::failure).isEqualTo(FailureKind.DEADLINE_EXCEEDED);
        });
    // a correctness bound (the call must not hang), not a speed measurement
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void circuitBreakerOpensRejectsAndRecoversOnAnInjectedClock() {
    MutableClock clock = new MutableClock();
    var cb = CircuitBreakerConfig.custom().clock(clock)
        .slidingWindow(4, 4, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(30))
        .permittedNumberOfCallsInHalfOpenState(2).build();
    var config = ModelResilienceConfig.custom().maxAttempts(1).circuitBreaker(cb).build();
    ModelRegistry registry = registry(config);
    CircuitBreaker breaker = registry.guard("remote").circuitBreaker();
    List<String> transitions = new ArrayList<>();
    breaker.getEventPublisher().onStateTransition(e -> transitions.add(e.getStateTransition().toString()));
    remote.script("m", fail(FailureKind.SERVER_ERROR), fail(FailureKind.SERVER_ERROR), fail(FailureKind.SERVER_ERROR), fail(FailureKind.SERVER_ERROR));

    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> registry.chat(ChatRequest.of("hi"), CallContext.DEFAULT)).isInstanceOf(ModelCallException.class);
    }
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

    // while open, routing rejects the provider and no call reaches the model
    assertThatThrownBy(() -> registry.chat(ChatRequest.of("hi"), CallContext.DEFAULT))
        .hasMessageContaining("circuit breaker open");
    assertThat(remote.calls("m")).isEqualTo(4);

    clock.advance(Duration.ofSeconds(29));
    assertThatThrownBy(() -> registry.plan(ChatRequest.of("hi"), CallContext.DEFAULT))
        .hasMessageContaining("circuit breaker open");
    assertThat(remote.calls("m")).isEqualTo(4);

    clock.advance(Duration.ofSeconds(2));
    registry.chat(ChatRequest.of("hi"), CallContext.DEFAULT);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    registry.chat(ChatRequest.of("hi"), CallContext.DEFAULT);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(transitions).containsExactly("State transition from CLOSED to OPEN",
        "State transition from OPEN to HALF_OPEN", "State transition from HALF_OPEN to CLOSED");
  }

  @Test
  void aFullBulkheadSendsTheCallToTheNextModel() throws Exception {
    FakeProvider busy = new FakeProvider("busy").model("b", true, 0, 0, false, Duration.ZERO);
    FakeProvider spare = new FakeProvider("spare").model("s", false, 0.001, 0.001, false, Duration.ofMillis(5));
    CountDownLatch inside = new CountDownLatch(1);
    // long enough that the second call surely meets the first inside the bulkhead; interrupted below
    busy.script("b", FakeProvider.slow(Duration.ofSeconds(20), Duration.ZERO, "slow"));
    var oneAtATime = ModelResilienceConfig.custom()
        .bulkhead(BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build()).build();
    ModelRegistry registry = ModelRegistry.builder().provider(busy, oneAtATime).provider(spare).build();
    Thread first = Thread.ofVirtual().start(() -> {
      inside.countDown();
      registry.chat(ChatRequest.of("first"), CallContext.DEFAULT);
    });
    inside.await();
    while (registry.guard("busy").bulkhead().getMetrics().getAvailableConcurrentCalls() > 0) {
      Thread.sleep(5);
    }

    RoutedResponse r = registry.chat(ChatRequest.of("second"), CallContext.DEFAULT);

    assertThat(r.attempts()).extracting(Attempt::failure).containsExactly(FailureKind.BULKHEAD_FULL, null);
    assertThat(r.answeredBy()).isEqualTo(new ModelRef("spare", "s"));
    first.interrupt();
    first.join(Duration.ofSeconds(30));
  }

  @Test
  void anExhaustedRateLimiterSendsTheCallToTheNextModel() {
    FakeProvider limited = new FakeProvider("limited").model("l", true, 0, 0, false, Duration.ZERO);
    FakeProvider spare = new FakeProvider("spare").model("s", false, 0.001, 0.001, false, Duration.ofMillis(5));
    var onePerMinute = ModelResilienceConfig.custom().rateLimiter(io.github.resilience4j.ratelimiter.RateLimiterConfig.custom()
        .limitForPeriod(1).limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(Duration.ZERO).build()).build();
    ModelRegistry registry = ModelRegistry.builder().provider(limited, onePerMinute).provider(spare).build();

    RoutedResponse first = registry.chat(ChatRequest.of("one"), CallContext.DEFAULT);
    RoutedResponse second = registry.chat(ChatRequest.of("two"), CallContext.DEFAULT);

    assertThat(first.answeredBy()).isEqualTo(new ModelRef("limited", "l"));
    assertThat(second.attempts()).extracting(Attempt::failure).containsExactly(FailureKind.RATE_LIMITER_FULL, null);
    assertThat(second.attempts().getFirst().message()).contains("rate limiter: no permit");
    assertThat(second.answeredBy()).isEqualTo(new ModelRef("spare", "s"));
    assertThat(limited.calls("l")).isEqualTo(1);
  }

  @Test
  void aThrowingStreamingHandlerReachesTheCallerAndGivesItsPermitsBack() {
    var halfOpenOne = ModelResilienceConfig.custom()
        .bulkhead(BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build()).build();
    ModelRegistry registry = registry(halfOpenOne);
    remote.script("m", answer("a", "b"));

    assertThatThrownBy(() -> registry.chat(ChatRequest.of("hi"), CallContext.DEFAULT, t -> {
      throw new IllegalStateException("UI closed");
    })).isInstanceOf(IllegalStateException.class).hasMessage("UI closed");

    assertThat(registry.guard("remote").bulkhead().getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    assertThat(registry.chat(ChatRequest.of("again"), CallContext.DEFAULT).response().text()).isEqualTo("ok");
  }
}
