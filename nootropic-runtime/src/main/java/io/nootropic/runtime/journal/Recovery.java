package io.nootropic.runtime.journal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/// The durable content of a store when it was opened: the latest snapshot and every record after it.
///
/// @param snapshot the latest snapshot, if any
/// @param records  records with a sequence greater than the snapshot's, in order
/// @param report   what recovery found and repaired
public record Recovery(Optional<Snapshot> snapshot, List<JournalRecord> records, RecoveryReport report) {

  /// Checks the fields and copies the list.
  public Recovery {
    Objects.requireNonNull(snapshot, "snapshot");
    records = List.copyOf(records);
    Objects.requireNonNull(report, "report");
  }
}
