package io.nootropic.runtime.reflexion;

/// States of the Reflexion state machine.
public enum ReflexionState {
  /// Not started.
  START,
  /// An attempt is running.
  ATTEMPTING,
  /// A failure was observed and a repair is being applied.
  REPAIRING,
  /// Waiting for a person.
  ESCALATED,
  /// The step succeeded.
  SUCCEEDED,
  /// The step failed for good.
  FAILED
}
