package io.nootropic.runtime.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/// A compacted state of every run, valid as of journal position [#seq()].
///
/// @param seq   the last journal record the state includes
/// @param state the folded state, as written by the owner of the store
public record Snapshot(long seq, JsonNode state) {

  /// Checks the fields.
  public Snapshot {
    if (seq < 0) {
      throw new IllegalArgumentException("snapshot sequence must not be negative, was " + seq);
    }
    Objects.requireNonNull(state, "state");
  }
}
