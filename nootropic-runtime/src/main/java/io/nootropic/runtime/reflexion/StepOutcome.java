package io.nootropic.runtime.reflexion;

/// What one attempt of a step produced.
///
/// @param <T> the step's result type
public sealed interface StepOutcome<T> {

  /// The attempt succeeded.
  ///
  /// @param value       the result
  /// @param observation what was observed, for the journal
  /// @param <T>         the result type
  record Success<T>(T value, String observation) implements StepOutcome<T> { }

  /// The attempt failed.
  ///
  /// @param errorType   the kind of error (an exception's simple name, a failure kind), or `null`
  /// @param failedCheck the name of the check that failed (`tests`, `lint`, ...), or `null`
  /// @param observation what was observed, for the journal and the next attempt
  /// @param <T>         the result type
  record Failure<T>(String errorType, String failedCheck, String observation) implements StepOutcome<T> { }

  /// A success.
  static <T> StepOutcome<T> success(T value, String observation) {
    return new Success<>(value, observation);
  }

  /// A failure of a named check.
  static <T> StepOutcome<T> failedCheck(String check, String observation) {
    return new Failure<>(null, check, observation);
  }

  /// A failure with an error type.
  static <T> StepOutcome<T> error(String errorType, String observation) {
    return new Failure<>(errorType, null, observation);
  }
}
