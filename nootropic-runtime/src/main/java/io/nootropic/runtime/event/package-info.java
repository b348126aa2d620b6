/// The in-process event bus, built on [java.util.concurrent.Flow]: typed events, topic
/// subscriptions, bounded per-subscriber buffers with a declared overflow policy, isolation of
/// failing subscribers, and replay of a run's events from the journal.
package io.nootropic.runtime.event;
