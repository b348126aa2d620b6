package io.nootropic.runtime.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.api.event.Event;
import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.JournalConfig;
import io.nootropic.runtime.journal.SyncPolicy;
import io.nootropic.runtime.task.CriticalPathGuardRail;
import io.nootropic.runtime.task.DriftEvent;
import io.nootropic.runtime.task.RetrySpec;
import io.nootropic.runtime.task.TaskGraphException;
import io.nootropic.runtime.task.TaskGraphService;
import io.nootropic.runtime.task.TaskSpec;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskExecutorTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final RetrySpec FAST_RETRY = new RetrySpec(3, Duration.ofMillis(5), 2.0, Duration.ofMillis(20));

  @TempDir Path dir;

  TaskGraphService service(List<Event> events) {
    return TaskGraphService.open(FileTaskStore.open(dir, JournalConfig.custom().syncPolicy(SyncPolicy.NONE).build()),
        TaskGraphService.Options.defaults().withEvents(events::add));
  }

  static TaskSpec sleep(String id, long ms, String... deps) {
    return TaskSpec.of(id, "demo.sleep", JSON.createObjectNode().put("ms", ms), Duration.ofMillis(ms), deps)
        .withRetry(FAST_RETRY);
  }

  static TaskId id(String s) {
    return TaskId.of(s);
  }

  /// The tests' task: sleeps `ms`, fails when `fail` is set or for the first `failAttempts` attempts.
  static final TaskCapability SLEEP = ctx -> {
    JsonNode in = ctx.inputs();
    Thread.sleep(in.path("ms").asLong(0));
    if (in.path("fail").asBoolean() || ctx.attempt() <= in.path("failAttempts").asInt(0)) {
      throw new IllegalStateException("failed on request (attempt " + ctx.attempt() + ")");
    }
    return JSON.createObjectNode().put("slept", in.path("ms").asLong(0)).put("attempt", ctx.attempt());
  };

  static final CapabilityResolver DEMO = CapabilityResolver.of(Map.of("demo.sleep", SLEEP));

  @Test
  void diamondRunsWithDependencyResultsAndIdempotencyKeys() throws Exception {
    List<String> keys = new CopyOnWriteArrayList<>();
    TaskCapability sum = ctx -> {
      keys.add(ctx.idempotencyKey());
      int total = ctx.inputs().path("n").asInt();
      for (JsonNode r : ctx.dependencyResults().values()) {
        total += r.get("sum").asInt();
      }
      return JSON.createObjectNode().put("sum", total);
    };
    List<Event> events = new CopyOnWriteArrayList<>();
    try (TaskGraphService s = service(events)) {
      s.createRun("r", List.of(
          TaskSpec.of("a", "sum", JSON.createObjectNode().put("n", 1), Duration.ofMillis(1)),
          TaskSpec.of("b", "sum", JSON.createObjectNode().put("n", 10), Duration.ofMillis(1), "a"),
          TaskSpec.of("c", "sum", JSON.createObjectNode().put("n", 100), Duration.ofMillis(1), "a"),
          TaskSpec.of("d", "sum", JSON.createObjectNode().put("n", 1000), Duration.ofMillis(1), "b", "c")));
      RunResult r = new TaskExecutor(s, CapabilityResolver.of(Map.of("sum", sum)), ExecutorConfig.ofDefaults()).run("r");
      assertThat(r.succeeded()).isTrue();
      assertThat(r.results().get(id("d")).get("sum").asInt()).isEqualTo(1000 + 11 + 101);
      assertThat(keys).containsExactlyInAnyOrder("r/a", "r/b", "r/c", "r/d");
    }
    assertThat(events.stream().filter(e -> e.topic().equals("task.succeeded"))).hasSize(4);
  }

  @Test
  void parallelismIsBounded() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    // the first three probes wait for each other, so three run at once however slow the machine
    java.util.concurrent.CountDownLatch three = new java.util.concurrent.CountDownLatch(3);
    TaskCapability probe = ctx -> {
      int n = now.incrementAndGet();
      max.accumulateAndGet(n, Math::max);
      three.countDown();
      three.await(10, java.util.concurrent.TimeUnit.SECONDS);
      Thread.sleep(40);
      now.decrementAndGet();
      return JSON.nullNode();
    };
    try (TaskGraphService s = service(new ArrayList<>())) {
      List<TaskSpec> specs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        specs.add(TaskSpec.of("p" + i, "probe", null, Duration.ofMillis(40)));
      }
      s.createRun("r", specs);
      RunResult r = new TaskExecutor(s, CapabilityResolver.of(Map.of("probe", probe)),
          ExecutorConfig.ofDefaults().withParallelism(3)).run("r");
      assertThat(r.succeeded()).isTrue();
      assertThat(max.get()).isEqualTo(3);
    }
  }

  @Test
  void retriesWithBackoffUntilSuccess() throws Exception {
    try (TaskGraphService s = service(new ArrayList<>())) {
      s.createRun("r", List.of(TaskSpec.of("f", "demo.sleep", JSON.createObjectNode().put("failAttempts", 2),
          Duration.ofMillis(1)).withRetry(FAST_RETRY)));
      RunResult r = new TaskExecutor(s, DEMO, ExecutorConfig.ofDefaults()).run("r");
      assertThat(r.statuses().get(id("f"))).isEqualTo(TaskStatus.SUCCEEDED);
      assertThat(r.results().get(id("f")).get("attempt").asInt()).isEqualTo(3);
      assertThat(s.state("r", id("f")).failures()).isEqualTo(2);
    }
  }

  @Test
  void exhaustedRetriesFailAndSkipDependantsWithTheCause() throws Exception {
    try (TaskGraphService s = service(new ArrayList<>())) {
      s.createRun("r", List.of(
          TaskSpec.of("f", "demo.sleep", JSON.createObjectNode().put("fail", true), Duration.ofMillis(1)).withRetry(FAST_RETRY),
          sleep("g", 1, "f"), sleep("h", 1, "g"), sleep("other", 1)));
      RunResult r = new TaskExecutor(s, DEMO, ExecutorConfig.ofDefaults()).run("r");
      assertThat(r.statuses()).containsEntry(id("f"), TaskStatus.FAILED).containsEntry(id("g"), TaskStatus.SKIPPED)
          .containsEntry(id("h"), TaskStatus.SKIPPED).containsEntry(id("other"), TaskStatus.SUCCEEDED);
      assertThat(r.errors().get(id("f"))).contains("failed on request");
      assertThat(r.errors().get(id("h"))).contains("dependency f failed");
      assertThat(s.state("r", id("f")).attempts()).isEqualTo(3);
    }
  }

  @Test
  void timeoutInterruptsAndCountsAsAFailedAttempt() throws Exception {
    try (TaskGraphService s = service(new ArrayList<>())) {
      s.createRun("r", List.of(sleep("slow", 5_000).withTimeout(Duration.ofMillis(60))
          .withRetry(new RetrySpec(2, Duration.ofMillis(5), 1.0, Duration.ofMillis(5)))));
      RunResult r = new TaskExecutor(s, DEMO, ExecutorConfig.ofDefaults()).run("r");
      assertThat(r.statuses().get(id("slow"))).isEqualTo(TaskStatus.FAILED);
      assertThat(r.errors().get(id("slow"))).contains("timed out after 60 ms");
      assertThat(s.state("r", id("slow")).attempts()).isEqualTo(2);
    }
  }

  @Test
  void unknownCapabilityFailsTheTaskNamingIt() throws Exception {
    try (TaskGraphService s = service(new ArrayList<>())) {
      s.createRun("r", List.of(TaskSpec.of("x", "no.such", null, Duration.ZERO)));
      RunResult r = new TaskExecutor(s, DEMO, ExecutorConfig.ofDefaults()).run("r");
      assertThat(r.errors().get(id("x"))).contains("no.such");
    }
  }

  @Test
  void cancellingATaskSkipsItsDependantsAndTheRestFinishes() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    TaskCapability block = ctx -> {
      started.countDown();
      while (!ctx.cancellation().isCancelled()) {
        Thread.sleep(5);
      }
      throw new InterruptedException("stopped");
    };
    try (TaskGraphService s = service(new ArrayList<>())) {
      s.createRun("r", List.of(TaskSpec.of("long", "block", null, Duration.ofSeconds(10)),
          TaskSpec.of("after", "demo.sleep", null, Duration.ZERO, "long"), sleep("free", 1)));
      RunHandle h = new TaskExecutor(s, CapabilityResolver.of(Map.of("block", block)).orElse(DEMO),
          ExecutorConfig.ofDefaults()).start("r");
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(h.cancel(id("long"))).isTrue();
      RunResult r = h.await(Duration.ofSeconds(20)).orElseThrow();
      assertThat(r.statuses()).containsEntry(id("long"), TaskStatus.CANCELLED)
          .containsEntry(id("after"), TaskStatus.SKIPPED).containsEntry(id("free"), TaskStatus.SUCCEEDED);
      assertThat(r.errors().get(id("after"))).contains("cancelled");
    }
  }

  @Test
  void cancellingTheRunCancelsEverythingUnfinished() throws Exception {
    try (TaskGraphService s = service(new ArrayList<>())) {
      s.createRun("r", List.of(sleep("a", 10_000), sleep("b", 10_000), sleep("c", 1, "a")));
      RunHandle h = new TaskExecutor(s, DEMO, ExecutorConfig.ofDefaults()).start("r");
      while (s.state("r", id("a")).status() != TaskStatus.RUNNING) {
        Thread.sleep(5);
      }
      h.cancel();
      RunResult r = h.await(Duration.ofSeconds(20)).orElseThrow();
      assertThat(r.finished()).isTrue();
      assertThat(r.statuses().get(id("a"))).isEqualTo(TaskStatus.CANCELLED);
      assertThat(r.statuses().get(id("b"))).isEqualTo(TaskStatus.CANCELLED);
      assertThat(r.statuses().get(id("c"))).isIn(TaskStatus.CANCELLED, TaskStatus.SKIPPED);
    }
  }

  @Test
  void criticalSpansAreMarkedAndDriftIsReported() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .build();
    List<Event> drift = new CopyOnWriteArrayList<>();
    List<SpanData> spans;
    try (TaskGraphService s = service(new ArrayList<>())) {
      // crit: estimated 20 ms, runs 150 ms -> drifts past 1.5 x 20 ms; side: estimated 1 ms, has slack
      s.createRun("r", List.of(
          TaskSpec.of("crit", "demo.sleep", JSON.createObjectNode().put("ms", 150), Duration.ofMillis(20)),
          TaskSpec.of("side", "demo.sleep", JSON.createObjectNode().put("ms", 1), Duration.ofMillis(1))));
      RunResult r = new TaskExecutor(s, DEMO, ExecutorConfig.ofDefaults().withOpenTelemetry(otel).withDriftFactor(1.5)
          .withEvents(drift::add)).run("r");
      assertThat(r.succeeded()).isTrue();
      spans = exporter.getFinishedSpanItems();
    } finally {
      otel.close();
    }
    AttributeKey<Boolean> critical = AttributeKey.booleanKey(CriticalPathGuardRail.CRITICAL_PATH_ATTRIBUTE);
    SpanData crit = spans.stream().filter(sp -> sp.getName().equals("task crit")).findFirst().orElseThrow();
    SpanData side = spans.stream().filter(sp -> sp.getName().equals("task side")).findFirst().orElseThrow();
    assertThat(crit.getAttributes().get(critical)).isTrue();
    assertThat(side.getAttributes().get(critical)).isFalse();
    assertThat(crit.getAttributes().get(AttributeKey.stringKey("nootropic.task.capability"))).isEqualTo("demo.sleep");
    assertThat(drift).hasSize(1);
    DriftEvent d = (DriftEvent) drift.getFirst();
    assertThat(d.taskId()).isEqualTo(id("crit"));
    assertThat(d.elapsed()).isGreaterThan(Duration.ofMillis(30));
  }

  @Test
  void guardRailRefusesTasksOutsideTheDag() {
    try (TaskGraphService s = service(new ArrayList<>())) {
      s.createRun("r", List.of(sleep("a", 1)));
      TaskExecutor ex = new TaskExecutor(s, DEMO, ExecutorConfig.ofDefaults());
      assertThatThrownBy(() -> ex.guardRail().admit("r", id("intruder")))
          .isInstanceOfSatisfying(TaskGraphException.class,
              e -> assertThat(e.kind()).isEqualTo(TaskGraphException.Kind.UNKNOWN_TASK))
          .hasMessageContaining("intruder");
      assertThatThrownBy(() -> ex.guardRail().admit("other-run", id("a")))
          .isInstanceOf(TaskGraphException.class).hasMessageContaining("other-run");
      assertThat(ex.guardRail().admit("r", id("a")).critical()).isTrue();
    }
  }
}
