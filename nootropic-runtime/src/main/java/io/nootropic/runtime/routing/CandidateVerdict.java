package io.nootropic.runtime.routing;

import java.util.Objects;

/// What routing thought of one candidate model.
///
/// @param model    the candidate
/// @param eligible whether it may be used at all
/// @param rank     its position in the order tried (1 = chosen), 0 when not eligible
/// @param reason   why it was rejected, or why it sits at this rank
public record CandidateVerdict(ModelRef model, boolean eligible, int rank, String reason) {

  /// Checks the fields.
  public CandidateVerdict {
    Objects.requireNonNull(model, "model");
    reason = reason == null ? "" : reason;
  }

  @Override
  public String toString() {
    return model + (eligible ? " #" + rank : " rejected") + ": " + reason;
  }
}
