package io.nootropic.api.memory;

import java.time.Instant;
import java.util.Objects;

/// One remembered piece of past work.
///
/// @param id           unique id
/// @param goal         what was asked
/// @param plan         how it was approached
/// @param patchSummary what was changed
/// @param outcome      how it ended (e.g. `succeeded`, `tests failed`)
/// @param recordedAt   when it was stored
public record Episode(String id, String goal, String plan, String patchSummary, String outcome, Instant recordedAt) {

  /// Checks the fields.
  public Episode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(goal, "goal");
    plan = plan == null ? "" : plan;
    patchSummary = patchSummary == null ? "" : patchSummary;
    outcome = outcome == null ? "" : outcome;
    Objects.requireNonNull(recordedAt, "recordedAt");
  }
}
