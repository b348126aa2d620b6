package io.nootropic.agents.edit;

import io.nootropic.api.Describable;
import java.util.List;

/// A way for a model to write edits in its reply: a parser, a renderer (for prompts, examples and
/// tests) and the instructions that teach it to a model. Built in: `whole`, `diff`, `udiff` and
/// `patch` ([EditFormats]); hosts add their own as [java.util.ServiceLoader] providers.
///
/// @since 0.1
public interface EditFormat extends Describable {

  /// The stable name, e.g. `diff`.
  String name();

  /// Parses a reply. Never throws for malformed text: what does not parse becomes a
  /// [ParseResult.ParseError] the model can act on.
  ParseResult parse(String reply);

  /// Writes `edits` in this format, as a model should.
  ///
  /// @throws IllegalArgumentException when an edit cannot be written in this format
  String render(List<Edit> edits);

  /// How to write edits in this format, for a system prompt.
  String instructions();
}
