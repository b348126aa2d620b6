package io.nootropic.runtime.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.api.event.Event;
import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.JournalConfig;
import io.nootropic.runtime.journal.SyncPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventBusTest {

  public record Ping(String topic, Instant timestamp, int n) implements Event {
    Ping(String topic, int n) {
      this(topic, Instant.EPOCH, n);
    }
  }

  public record Other(String topic, Instant timestamp) implements Event {}

  @Test
  void topicPatternsSelectBySegments() {
    assertThat(TopicPattern.of("task.*").matches("task.succeeded")).isTrue();
    assertThat(TopicPattern.of("task.*").matches("task")).isFalse();
    assertThat(TopicPattern.of("task.*").matches("task.a.b")).isFalse();
    assertThat(TopicPattern.of("task.**").matches("task")).isTrue();
    assertThat(TopicPattern.of("task.**").matches("task.a.b")).isTrue();
    assertThat(TopicPattern.of("task.**").matches("tasks.a")).isFalse();
    assertThat(TopicPattern.of("*.failed").matches("agent.failed")).isTrue();
    assertThat(TopicPattern.of("**.failed").matches("a.b.failed")).isTrue();
    assertThat(TopicPattern.of("**").matches("anything.at.all")).isTrue();
    assertThat(TopicPattern.of("agent.started").matches("agent.started")).isTrue();
    assertThat(TopicPattern.of("agent.started").matches("agent.startedx")).isFalse();
    assertThatThrownBy(() -> TopicPattern.of("bad..pattern")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void typedSubscribersReceiveOnlyMatchingEventsInOrder() throws Exception {
    EventBus bus = EventBus.create();
    {
      List<Integer> task = new CopyOnWriteArrayList<>();
      List<String> all = new CopyOnWriteArrayList<>();
      bus.subscribe("task.*", Ping.class, p -> task.add(p.n()), SubscriberOptions.DEFAULT);
      bus.subscribe("**", Event.class, e -> all.add(e.topic()), SubscriberOptions.DEFAULT);
      for (int i = 0; i < 100; i++) {
        bus.publish(new Ping(i % 2 == 0 ? "task.done" : "agent.step", i));
      }
      bus.publish(new Other("task.other", Instant.EPOCH));
      bus.close();
      assertThat(task).hasSize(50).isSorted().startsWith(0, 2, 4);
      assertThat(all).hasSize(101);
    }
  }

  @Test
  void failingSubscriberIsIsolated() {
    EventBus bus = EventBus.create();
    List<Integer> good = new CopyOnWriteArrayList<>();
    AtomicReference<Throwable> told = new AtomicReference<>();
    EventSubscription bad = bus.subscribe("**", new Flow.Subscriber<Event>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(Event item) {
        if (((Ping) item).n() == 3) {
          throw new IllegalStateException("boom");
        }
      }
      @Override public void onError(Throwable t) { told.set(t); }
      @Override public void onComplete() { }
    }, SubscriberOptions.DEFAULT);
    bus.subscribe("**", Ping.class, p -> good.add(p.n()), SubscriberOptions.DEFAULT);
    for (int i = 0; i < 20; i++) {
      bus.publish(new Ping("x", i));
    }
    bus.close();
    assertThat(good).hasSize(20);
    assertThat(bad.isDone()).isTrue();
    assertThat(told.get()).hasMessage("boom");
  }

  /// A subscriber that requests nothing until released.
  static final class Gated implements Flow.Subscriber<Event> {
    final CountDownLatch subscribed = new CountDownLatch(1);
    final List<Integer> got = new CopyOnWriteArrayList<>();
    volatile Flow.Subscription sub;

    @Override public void onSubscribe(Flow.Subscription s) { sub = s; subscribed.countDown(); }
    @Override public void onNext(Event item) { got.add(((Ping) item).n()); }
    @Override public void onError(Throwable t) { }
    @Override public void onComplete() { }
  }

  @Test
  void dropOldestKeepsTheNewestEvents() throws Exception {
    EventBus bus = EventBus.create();
    Gated g = new Gated();
    EventSubscription s = bus.subscribe("**", g, SubscriberOptions.of(4, OverflowPolicy.DROP_OLDEST));
    g.subscribed.await(5, TimeUnit.SECONDS);
    for (int i = 0; i < 10; i++) {
      bus.publish(new Ping("x", i));
    }
    assertThat(s.buffered()).isEqualTo(4);
    assertThat(s.dropped()).isEqualTo(6);
    g.sub.request(Long.MAX_VALUE);
    bus.close();
    assertThat(g.got).containsExactly(6, 7, 8, 9);
  }

  @Test
  void dropNewestKeepsTheOldestEvents() throws Exception {
    EventBus bus = EventBus.create();
    Gated g = new Gated();
    EventSubscription s = bus.subscribe("**", g, SubscriberOptions.of(4, OverflowPolicy.DROP_NEWEST));
    g.subscribed.await(5, TimeUnit.SECONDS);
    for (int i = 0; i < 10; i++) {
      bus.publish(new Ping("x", i));
    }
    assertThat(s.dropped()).isEqualTo(6);
    g.sub.request(Long.MAX_VALUE);
    bus.close();
    assertThat(g.got).containsExactly(0, 1, 2, 3);
  }

  @Test
  void blockPolicyMakesThePublisherWaitForDemand() throws Exception {
    EventBus bus = EventBus.create();
    Gated g = new Gated();
    EventSubscription s = bus.subscribe("**", g, SubscriberOptions.of(2, OverflowPolicy.BLOCK));
    g.subscribed.await(5, TimeUnit.SECONDS);
    AtomicBoolean finished = new AtomicBoolean();
    Thread publisher = Thread.ofVirtual().start(() -> {
      for (int i = 0; i < 6; i++) {
        bus.publish(new Ping("x", i));
      }
      finished.set(true);
    });
    // the publisher cannot get past the third event while nothing is requested: wait (however
    // long the scheduler takes) until the buffer is full, then give it time to get further
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (s.buffered() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    publisher.join(300);
    assertThat(finished).isFalse();
    assertThat(s.buffered()).isEqualTo(2);
    g.sub.request(1);
    g.sub.request(5);
    publisher.join(10_000);
    assertThat(finished).isTrue();
    bus.close();
    assertThat(g.got).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(s.dropped()).isZero();
  }

  @Test
  void nonPositiveRequestIsSignalledAsError() throws Exception {
    EventBus bus = EventBus.create();
    AtomicReference<Throwable> err = new AtomicReference<>();
    CountDownLatch l = new CountDownLatch(1);
    bus.subscribe("**", new Flow.Subscriber<Event>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(0); }
      @Override public void onNext(Event item) { }
      @Override public void onError(Throwable t) { err.set(t); l.countDown(); }
      @Override public void onComplete() { }
    }, SubscriberOptions.DEFAULT);
    assertThat(l.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(err.get()).isInstanceOf(IllegalArgumentException.class);
    bus.close();
  }

  @Test
  void journaledEventsOfARunAreReplayedInOrder(@TempDir Path dir) {
    JournalEvents bridge = new JournalEvents();
    try (FileTaskStore store = FileTaskStore.open(dir, JournalConfig.custom().syncPolicy(SyncPolicy.NONE).build())) {
      for (int i = 0; i < 5; i++) {
        bridge.append(store, "run-a", new Ping("reflexion.step", i));
        bridge.append(store, "run-b", new Ping("reflexion.step", 100 + i));
      }
      store.append("run-a", "task.succeeded", new ObjectMapper().createObjectNode().put("task", "t1"));
    }
    try (FileTaskStore store = FileTaskStore.open(dir)) {
      List<JournaledEvent> events = JournalEvents.of(store.recovery().records(), "run-a");
      List<Event> got = new ArrayList<>();
      long n = EventBus.replay(events, new Flow.Subscriber<Event>() {
        Flow.Subscription s;
        @Override public void onSubscribe(Flow.Subscription s) { this.s = s; s.request(1); }
        @Override public void onNext(Event item) { got.add(item); s.request(1); }
        @Override public void onError(Throwable t) { }
        @Override public void onComplete() { }
      });
      assertThat(n).isEqualTo(6);
      assertThat(got).extracting(Event::topic).containsExactly(
          "reflexion.step", "reflexion.step", "reflexion.step", "reflexion.step", "reflexion.step", "task.succeeded");
      assertThat(got.stream().limit(5).map(e -> ((JournaledEvent) e).data().get("n").asInt()).toList())
          .containsExactly(0, 1, 2, 3, 4);
    }
  }
}
