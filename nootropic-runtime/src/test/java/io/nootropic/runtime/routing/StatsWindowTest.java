package io.nootropic.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatsWindowTest {

  @Test
  void percentilesErrorRateAndThroughputOverTheWindow() {
    StatsWindow w = new StatsWindow(new ModelRef("p", "m"), 200);
    for (int i = 1; i <= 100; i++) {
      w.success(Duration.ofMillis(i), Duration.ofMillis(i / 10 + 1), 10, Duration.ofMillis(100));
    }
    w.failure(Duration.ofMillis(5000));
    w.failure(Duration.ofMillis(5000));

    ModelStats s = w.snapshot();

    assertThat(s.samples()).isEqualTo(102);
    assertThat(s.latencyP50()).isEqualTo(Duration.ofMillis(50));
    assertThat(s.latencyP95()).isEqualTo(Duration.ofMillis(95));
    assertThat(s.timeToFirstTokenP50()).isEqualTo(Duration.ofMillis(6));
    assertThat(s.errorRate()).isEqualTo(2 / 102.0);
    assertThat(s.tokensPerSecond()).isEqualTo(100.0); // 1000 tokens in 10 s
  }

  @Test
  void memoryIsBoundedByTheCapacity() {
    StatsWindow w = new StatsWindow(new ModelRef("p", "m"), 10);
    for (int i = 1; i <= 1000; i++) {
      w.success(Duration.ofMillis(i), null, 1, Duration.ofMillis(1));
    }
    ModelStats s = w.snapshot();
    assertThat(s.samples()).isEqualTo(10);
    assertThat(s.totalCalls()).isEqualTo(1000);
    assertThat(s.latencyP50()).isEqualTo(Duration.ofMillis(995)); // window holds 991..1000
    assertThat(s.timeToFirstTokenP50()).isNull();
  }
}
