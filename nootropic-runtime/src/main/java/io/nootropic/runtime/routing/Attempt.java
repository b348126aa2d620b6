package io.nootropic.runtime.routing;

import java.time.Duration;
import java.util.Objects;

/// One try of one model within a routed call.
///
/// @param number          1-based attempt number within the call
/// @param model           the model tried
/// @param elapsed         time the attempt took
/// @param tokensDelivered pieces of text handed to the caller during this attempt
/// @param failure         why it failed, or `null` when it succeeded
/// @param httpStatus      the HTTP status of a failure, or 0
/// @param message         the failure message, or empty
/// @param waitBefore      the backoff waited before this attempt
public record Attempt(int number, ModelRef model, Duration elapsed, int tokensDelivered, FailureKind failure,
    int httpStatus, String message, Duration waitBefore) {

  /// Checks the fields.
  public Attempt {
    Objects.requireNonNull(model, "model");
    elapsed = Objects.requireNonNullElse(elapsed, Duration.ZERO);
    message = message == null ? "" : message;
    waitBefore = Objects.requireNonNullElse(waitBefore, Duration.ZERO);
  }

  /// Whether this attempt produced the answer.
  public boolean succeeded() {
    return failure == null;
  }

  /// One line for logs and error messages.
  public String summary() {
    return "#" + number + " " + model + " " + (failure == null ? "ok" : failure.externalName()
        + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "") + (message.isEmpty() ? "" : ": " + message))
        + " after " + elapsed.toMillis() + " ms" + (waitBefore.isZero() ? "" : ", waited " + waitBefore.toMillis() + " ms before")
        + (tokensDelivered > 0 ? ", " + tokensDelivered + " tokens delivered" : "");
  }
}
