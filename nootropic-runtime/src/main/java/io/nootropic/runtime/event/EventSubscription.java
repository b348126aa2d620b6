package io.nootropic.runtime.event;

/// A live subscription on the [EventBus]; closing it cancels delivery.
public interface EventSubscription extends AutoCloseable {

  /// The topic pattern this subscription selects.
  TopicPattern pattern();

  /// The buffering options.
  SubscriberOptions options();

  /// Events dropped so far because the buffer was full (always 0 with [OverflowPolicy#BLOCK]).
  long dropped();

  /// Events handed to the subscriber so far.
  long delivered();

  /// Events waiting in the buffer now.
  int buffered();

  /// Whether the subscription ended: cancelled, failed or completed.
  boolean isDone();

  /// Cancels the subscription; buffered events are discarded. Idempotent.
  @Override
  void close();
}
