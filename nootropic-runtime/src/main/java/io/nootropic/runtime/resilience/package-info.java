/// Resilience per model provider, built on Resilience4j: retry with exponential backoff, jitter
/// and Retry-After, circuit breaker, time limits (per attempt, to the first token, between
/// tokens), bulkhead and rate limiter. Streams are retried only while no token reached the caller.
package io.nootropic.runtime.resilience;
