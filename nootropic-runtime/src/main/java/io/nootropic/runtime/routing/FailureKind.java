package io.nootropic.runtime.routing;

import java.util.Locale;

/// Why one model call failed, and whether trying the same model again may help.
public enum FailureKind {
  /// The TCP connection could not be set up in time.
  CONNECT_TIMEOUT(true),
  /// The connection was refused or failed.
  CONNECT_FAILED(true),
  /// No response (or, when streaming, no first token) arrived in time.
  FIRST_TOKEN_TIMEOUT(true),
  /// A stream went quiet for longer than the idle limit.
  IDLE_TIMEOUT(true),
  /// One attempt took longer than its overall limit.
  ATTEMPT_TIMEOUT(true),
  /// The caller's deadline passed.
  DEADLINE_EXCEEDED(false),
  /// HTTP 429 or an equivalent: slow down, maybe after Retry-After.
  RATE_LIMITED(true),
  /// HTTP 500, 502, 503 or 504.
  SERVER_ERROR(true),
  /// HTTP 529 or an "overloaded" error.
  OVERLOADED(true),
  /// HTTP 400, 404, 413, 422 and other client errors: the request itself is wrong.
  INVALID_REQUEST(false),
  /// HTTP 401 or 403.
  AUTHENTICATION(false),
  /// The peer reset or closed the connection mid-response.
  CONNECTION_RESET(true),
  /// The stream ended before its final event.
  TRUNCATED_STREAM(true),
  /// The server sent an error event after starting a successful response.
  STREAM_ERROR(true),
  /// The response or an event was not valid JSON, or a tool call's arguments were cut off.
  MALFORMED_RESPONSE(true),
  /// The provider's circuit breaker is open.
  CIRCUIT_OPEN(false),
  /// The provider's bulkhead is full.
  BULKHEAD_FULL(false),
  /// The provider's client-side rate limiter refused a permit in time.
  RATE_LIMITER_FULL(false),
  /// A budget would be exceeded.
  BUDGET_EXCEEDED(false),
  /// Anything else the model threw.
  MODEL_ERROR(false);

  private final boolean retryable;

  FailureKind(boolean retryable) {
    this.retryable = retryable;
  }

  /// Whether trying the same model again (when no token reached the caller) may help.
  public boolean retryable() {
    return retryable;
  }

  /// The lower-case name used as `error.type` in traces.
  public String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /// The kind for an HTTP error status.
  public static FailureKind forHttpStatus(int status) {
    return switch (status) {
      case 401, 403 -> AUTHENTICATION;
      case 408 -> FIRST_TOKEN_TIMEOUT;
      case 429 -> RATE_LIMITED;
      case 529 -> OVERLOADED;
      default -> status >= 500 ? SERVER_ERROR : INVALID_REQUEST;
    };
  }
}
