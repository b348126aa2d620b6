package io.nootropic.runtime.event;

import java.util.Objects;

/// How the bus buffers events for one subscriber.
///
/// @param bufferSize events held for the subscriber before [#overflow()] applies, at least 1
/// @param overflow   what happens when the buffer is full
public record SubscriberOptions(int bufferSize, OverflowPolicy overflow) {

  /// 256 events, [OverflowPolicy#BLOCK].
  public static final SubscriberOptions DEFAULT = new SubscriberOptions(256, OverflowPolicy.BLOCK);

  /// Checks the fields.
  public SubscriberOptions {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("bufferSize must be at least 1, was " + bufferSize);
    }
    Objects.requireNonNull(overflow, "overflow");
  }

  /// Options with the given buffer size and policy.
  public static SubscriberOptions of(int bufferSize, OverflowPolicy overflow) {
    return new SubscriberOptions(bufferSize, overflow);
  }
}
