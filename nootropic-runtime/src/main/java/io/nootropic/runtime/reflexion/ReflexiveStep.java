package io.nootropic.runtime.reflexion;

/// One agent step the [ReflexionEngine] runs and repairs.
///
/// @param <T> the result type
@FunctionalInterface
public interface ReflexiveStep<T> {

  /// Makes one attempt. Throwing counts as a failure whose error type is the exception's simple
  /// name (or its [io.nootropic.runtime.routing.FailureKind] for model errors).
  StepOutcome<T> attempt(StepContext context) throws Exception;
}
