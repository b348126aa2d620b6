/// Runs a task graph: ready tasks on virtual threads with bounded parallelism, per-task timeouts,
/// retries with backoff through Resilience4j, cancellation, failure propagation and tracing.
package io.nootropic.runtime.executor;
