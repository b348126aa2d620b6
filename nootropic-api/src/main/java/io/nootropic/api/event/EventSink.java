package io.nootropic.api.event;

/// Where events are published. The runtime's event bus implements it.
@FunctionalInterface
public interface EventSink {

  /// A sink that drops everything.
  EventSink NONE = event -> { };

  /// Publishes an event. Never throws because of a subscriber.
  void publish(Event event);
}
