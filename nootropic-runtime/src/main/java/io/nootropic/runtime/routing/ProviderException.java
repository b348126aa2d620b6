package io.nootropic.runtime.routing;

import io.nootropic.api.model.ModelException;
import java.time.Duration;
import java.util.Objects;

/// A model call failed in a classified way: the [FailureKind], the HTTP status if any, and the
/// server's Retry-After if it sent one. Providers in this module throw it; the resilience layer
/// decides from it whether to retry.
public class ProviderException extends ModelException {

  private static final long serialVersionUID = 1L;

  private final FailureKind kind;
  private final int httpStatus;
  private final transient Duration retryAfter;

  /// Creates the exception.
  ///
  /// @param kind       the classification
  /// @param httpStatus the HTTP status, or 0 when there was none
  /// @param retryAfter the server's requested wait, or `null`
  /// @param message    what happened, naming the model
  /// @param cause      the underlying error, or `null`
  public ProviderException(FailureKind kind, int httpStatus, Duration retryAfter, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
  }

  /// Creates the exception with no status, no Retry-After and no cause.
  public ProviderException(FailureKind kind, String message) {
    this(kind, 0, null, message, null);
  }

  /// The classification.
  public FailureKind kind() {
    return kind;
  }

  /// The HTTP status, or 0.
  public int httpStatus() {
    return httpStatus;
  }

  /// The server's requested wait before retrying, or `null`.
  public Duration retryAfter() {
    return retryAfter;
  }
}
