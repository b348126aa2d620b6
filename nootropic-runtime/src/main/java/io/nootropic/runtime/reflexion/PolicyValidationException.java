package io.nootropic.runtime.reflexion;

import io.nootropic.api.NootropicException;
import java.util.List;
import java.util.stream.Collectors;

/// A repair policy document is invalid; every problem names its line, column and field.
public class PolicyValidationException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// One problem in a policy document.
  ///
  /// @param source  the document's name (a file name, or `policy`)
  /// @param line    1-based line, 0 when unknown
  /// @param column  1-based column, 0 when unknown
  /// @param field   the field's path, e.g. `rules[1].next`, or empty for the document
  /// @param message what is wrong
  public record Problem(String source, int line, int column, String field, String message) {

    @Override
    public String toString() {
      return source + ":" + line + ":" + column + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
  }

  private final transient List<Problem> problems;

  /// Creates the exception.
  public PolicyValidationException(List<Problem> problems) {
    super("invalid repair policy:\n  " + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
    this.problems = List.copyOf(problems);
  }

  /// Every problem found, in document order.
  public List<Problem> problems() {
    return problems;
  }
}
