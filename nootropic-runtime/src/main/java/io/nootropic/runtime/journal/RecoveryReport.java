package io.nootropic.runtime.journal;

import java.util.Objects;

/// What a store found and repaired when it was opened.
///
/// @param records        records read after the snapshot
/// @param snapshotSeq    sequence of the snapshot used, 0 when none
/// @param truncatedBytes bytes of a torn or corrupt tail that were cut off (0 when the tail was clean)
/// @param tailProblem    why the tail was cut, empty when it was not
/// @param nanos          time spent recovering
public record RecoveryReport(
    long records, long snapshotSeq, long truncatedBytes, String tailProblem, long nanos) {

  /// Checks the fields.
  public RecoveryReport {
    Objects.requireNonNull(tailProblem, "tailProblem");
  }

  /// Whether a torn or corrupt tail was detected and cut off.
  public boolean truncated() {
    return truncatedBytes > 0 || !tailProblem.isEmpty();
  }
}
