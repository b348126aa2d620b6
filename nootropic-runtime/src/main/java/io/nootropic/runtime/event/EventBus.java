package io.nootropic.runtime.event;

import io.nootropic.api.event.Event;
import io.nootropic.api.event.EventSink;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// An in-process event bus on [Flow]: publishers call [#publish(Event)], subscribers are
/// [Flow.Subscriber]s selected by a [TopicPattern].
///
/// Each subscriber has its own bounded buffer and its own delivery thread (a virtual thread), and
/// receives events only as it requests them. When a buffer is full the subscriber's
/// [OverflowPolicy] applies: the publisher waits ([OverflowPolicy#BLOCK]) or an event is dropped and
/// counted; memory never grows without bound. A subscriber that throws from `onNext` is cancelled,
/// told through `onError` and logged; the others keep receiving. The bus holds no global state: a
/// host creates as many as it needs.
///
/// A [OverflowPolicy#BLOCK] subscriber must not publish to a topic it subscribes to from inside
/// `onNext` with a full buffer: that would wait for itself.
public final class EventBus implements EventSink, Flow.Publisher<Event>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

  private final List<Sub<?>> subscribers = new CopyOnWriteArrayList<>();
  private final String name;
  private volatile boolean closed;

  private EventBus(String name) {
    this.name = name;
  }

  /// Creates a bus; `name` only appears in logs and thread names.
  public static EventBus create(String name) {
    return new EventBus(Objects.requireNonNull(name, "name"));
  }

  /// Creates a bus named `events`.
  public static EventBus create() {
    return create("events");
  }

  /// Publishes an event to every subscriber whose pattern matches its topic. Never throws because
  /// of a subscriber; with [OverflowPolicy#BLOCK] it may wait for a slow one. Events published after
  /// [#close()] are dropped.
  @Override
  public void publish(Event event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      LOG.debug("bus {} is closed; dropping {}", name, event.topic());
      return;
    }
    String topic = event.topic();
    for (Sub<?> s : subscribers) {
      if (s.pattern.matches(topic)) {
        s.offer(event);
      }
    }
  }

  /// Subscribes to every topic with [SubscriberOptions#DEFAULT].
  @Override
  public void subscribe(Flow.Subscriber<? super Event> subscriber) {
    subscribe("**", subscriber, SubscriberOptions.DEFAULT);
  }

  /// Subscribes a [Flow.Subscriber] to the topics matching `pattern`.
  public EventSubscription subscribe(
      String pattern, Flow.Subscriber<? super Event> subscriber, SubscriberOptions options) {
    return subscribe(TopicPattern.of(pattern), Event.class, subscriber, options);
  }

  /// Subscribes a callback to events of type `type` on topics matching `pattern`; events of other
  /// types on those topics are skipped. The callback runs on the subscription's delivery thread.
  public <E extends Event> EventSubscription subscribe(
      String pattern, Class<E> type, Consumer<? super E> consumer, SubscriberOptions options) {
    Objects.requireNonNull(consumer, "consumer");
    return subscribe(TopicPattern.of(pattern), type, new Flow.Subscriber<E>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(E item) {
        consumer.accept(item);
      }

      @Override
      public void onError(Throwable throwable) {
        // already logged by the bus
      }

      @Override
      public void onComplete() {
        // nothing to release
      }
    }, options);
  }

  private <E extends Event> EventSubscription subscribe(
      TopicPattern pattern, Class<E> type, Flow.Subscriber<? super E> subscriber, SubscriberOptions options) {
    Objects.requireNonNull(subscriber, "subscriber");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(type, "type");
    Sub<E> s = new Sub<>(pattern, type, subscriber, options);
    if (closed) {
      s.subscriber.onSubscribe(s);
      s.complete();
      return s;
    }
    subscribers.add(s);
    s.start();
    return s;
  }

  /// Delivers `events` (for example a run's events read back from the journal with
  /// [JournalEvents]) to one subscriber, respecting its demand, then
  /// completes it. Returns once every event was delivered or the subscriber cancelled.
  ///
  /// @return the number of events delivered
  public static long replay(Iterable<? extends Event> events, Flow.Subscriber<? super Event> subscriber) {
    Sub<Event> s = new Sub<>(TopicPattern.of("**"), Event.class, subscriber,
        SubscriberOptions.of(64, OverflowPolicy.BLOCK));
    s.start();
    for (Event e : events) {
      if (s.isDone()) {
        break;
      }
      s.offer(e);
    }
    s.complete();
    s.awaitDone();
    return s.delivered();
  }

  /// Current number of live subscriptions.
  public int subscriberCount() {
    return (int) subscribers.stream().filter(s -> !s.isDone()).count();
  }

  /// Completes every subscriber after it has drained its buffer, and stops accepting events.
  @Override
  public void close() {
    closed = true;
    for (Sub<?> s : subscribers) {
      s.complete();
    }
    for (Sub<?> s : subscribers) {
      s.awaitDone();
    }
    subscribers.clear();
  }

  /// One subscriber: its buffer, its demand and its delivery thread.
  private static final class Sub<E extends Event> implements Flow.Subscription, EventSubscription {
    private final TopicPattern pattern;
    private final Class<E> type;
    private final Flow.Subscriber<? super E> subscriber;
    private final SubscriberOptions options;
    private final ArrayDeque<E> buffer = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long demand;
    private long dropped;
    private long delivered;
    private boolean cancelled;
    private boolean completing;
    private boolean done;
    private Throwable requestError;

    Sub(TopicPattern pattern, Class<E> type, Flow.Subscriber<? super E> subscriber, SubscriberOptions options) {
      this.pattern = pattern;
      this.type = type;
      this.subscriber = subscriber;
      this.options = options;
    }

    void start() {
      Thread.ofVirtual().name("event-subscriber-" + pattern.pattern()).start(this::deliver);
    }

    void offer(Event event) {
      if (!type.isInstance(event)) {
        return;
      }
      E e = type.cast(event);
      lock.lock();
      try {
        if (cancelled || completing) {
          return;
        }
        if (buffer.size() >= options.bufferSize()) {
          switch (options.overflow()) {
            case DROP_NEWEST -> {
              dropped++;
              return;
            }
            case DROP_OLDEST -> {
              buffer.pollFirst();
              dropped++;
            }
            case BLOCK -> {
              while (buffer.size() >= options.bufferSize() && !cancelled) {
                changed.awaitUninterruptibly();
              }
              if (cancelled) {
                return;
              }
            }
          }
        }
        buffer.addLast(e);
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    private void deliver() {
      try {
        subscriber.onSubscribe(this);
      } catch (Throwable t) {
        isolate(t);
        return;
      }
      while (true) {
        E next;
        lock.lock();
        try {
          while (!cancelled && requestError == null && (buffer.isEmpty() || demand == 0)
              && !(completing && buffer.isEmpty())) {
            changed.awaitUninterruptibly();
          }
          if (cancelled) {
            finish();
            return;
          }
          if (requestError != null) {
            cancelled = true;
            buffer.clear();
            Throwable err = requestError;
            lock.unlock();
            try {
              subscriber.onError(err);
            } catch (Throwable t) {
              LOG.warn("subscriber {} threw from onError", subscriber, t);
            } finally {
              lock.lock();
            }
            finish();
            return;
          }
          if (buffer.isEmpty()) {
            lock.unlock();
            try {
              subscriber.onComplete();
            } catch (Throwable t) {
              LOG.warn("subscriber {} threw from onComplete", subscriber, t);
            } finally {
              lock.lock();
            }
            finish();
            return;
          }
          next = buffer.pollFirst();
          if (demand != Long.MAX_VALUE) {
            demand--;
          }
          changed.signalAll();
        } finally {
          lock.unlock();
        }
        try {
          subscriber.onNext(next);
          lock.lock();
          try {
            delivered++;
          } finally {
            lock.unlock();
          }
        } catch (Throwable t) {
          isolate(t);
          return;
        }
      }
    }

    private void isolate(Throwable t) {
      LOG.warn("event subscriber {} on '{}' failed and was cancelled; other subscribers are unaffected",
          subscriber, pattern.pattern(), t);
      lock.lock();
      try {
        cancelled = true;
        buffer.clear();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      try {
        subscriber.onError(t);
      } catch (Throwable t2) {
        LOG.warn("subscriber {} threw from onError", subscriber, t2);
      }
      lock.lock();
      try {
        finish();
      } finally {
        lock.unlock();
      }
    }

    /// Called with the lock held.
    private void finish() {
      done = true;
      changed.signalAll();
    }

    void complete() {
      lock.lock();
      try {
        completing = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void awaitDone() {
      lock.lock();
      try {
        while (!done) {
          if (!changed.await(1, TimeUnit.SECONDS)) {
            LOG.debug("still waiting for subscriber {} to drain", subscriber);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void request(long n) {
      lock.lock();
      try {
        if (n <= 0) {
          requestError = new IllegalArgumentException("Flow rule 3.9: request(" + n + ") must be positive");
        } else {
          demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void cancel() {
      lock.lock();
      try {
        cancelled = true;
        buffer.clear();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public TopicPattern pattern() {
      return pattern;
    }

    @Override
    public SubscriberOptions options() {
      return options;
    }

    @Override
    public long dropped() {
      lock.lock();
      try {
        return dropped;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public long delivered() {
      lock.lock();
      try {
        return delivered;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int buffered() {
      lock.lock();
      try {
        return buffer.size();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean isDone() {
      lock.lock();
      try {
        return done || cancelled;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      cancel();
    }

    @Override
    public String toString() {
      return "subscription(" + pattern.pattern() + ", " + options + ")";
    }
  }

  @Override
  public String toString() {
    return "EventBus(" + name + ", " + subscribers.size() + " subscribers)";
  }
}
