package io.nootropic.agents.edit;

import java.util.List;

/// What a model's reply held: the edits that parsed, and a message per part that did not.
///
/// @param edits  the edits, in the order of the reply
/// @param errors what could not be parsed, each naming the block and the line
public record ParseResult(List<Edit> edits, List<ParseError> errors) {

  /// Copies the lists.
  public ParseResult {
    edits = List.copyOf(edits);
    errors = List.copyOf(errors);
  }

  /// Whether the reply parsed completely.
  public boolean wellFormed() {
    return errors.isEmpty();
  }

  /// One part of a reply that did not parse.
  ///
  /// @param block   the edit block it belongs to, from 1 (0 when it is not in a block)
  /// @param line    the reply's line where the problem is, from 1
  /// @param message what is wrong and how the model should write it, for the model
  public record ParseError(int block, int line, String message) {}
}
