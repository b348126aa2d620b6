package io.nootropic.api.agent;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/// One request to an [Agent].
///
/// @param requestId unique id of this request, used for tracing and idempotency
/// @param input     the typed input
/// @param metadata  free-form string attributes (task id, run id, caller)
/// @param timeout   how long the agent may run; `null` means no limit beyond the context's
/// @param <I>       the input type
public record AgentRequest<I>(String requestId, I input, Map<String, String> metadata, Duration timeout) {

  /// Checks the fields and copies the metadata.
  public AgentRequest {
    Objects.requireNonNull(requestId, "requestId");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  /// A request with a random id, no metadata and no timeout.
  public static <I> AgentRequest<I> of(I input) {
    return new AgentRequest<>(UUID.randomUUID().toString(), input, Map.of(), null);
  }

  /// A copy of this request with the given timeout.
  public AgentRequest<I> withTimeout(Duration timeout) {
    return new AgentRequest<>(requestId, input, metadata, timeout);
  }
}
