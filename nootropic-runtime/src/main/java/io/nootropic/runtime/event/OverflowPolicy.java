package io.nootropic.runtime.event;

/// What the bus does when a subscriber's buffer is full.
public enum OverflowPolicy {
  /// The publisher waits until the subscriber makes room (backpressure).
  BLOCK,
  /// The oldest buffered event is dropped to make room for the new one.
  DROP_OLDEST,
  /// The new event is dropped for this subscriber.
  DROP_NEWEST
}
