package io.nootropic.inference.gguf;

import io.nootropic.api.NootropicException;

/// A GGUF file breaks a rule of the format or of this reader's safety limits. The message names
/// what is wrong; [#rule()] is a short stable id (e.g. `string-length-exceeds-file`) and
/// [#offset()] the byte offset in the file where the violation was found.
public class GgufFormatException extends NootropicException {

  private static final long serialVersionUID = 1L;

  private final long offset;
  private final String rule;

  /// Creates the exception.
  ///
  /// @param rule   short id of the rule broken
  /// @param offset byte offset in the file, or -1 when not applicable
  /// @param detail what is wrong
  public GgufFormatException(String rule, long offset, String detail) {
    super(format(rule, offset, detail));
    this.rule = rule;
    this.offset = offset;
  }

  /// Creates the exception with a cause.
  public GgufFormatException(String rule, long offset, String detail, Throwable cause) {
    super(format(rule, offset, detail), cause);
    this.rule = rule;
    this.offset = offset;
  }

  private static String format(String rule, long offset, String detail) {
    return offset >= 0
        ? "invalid GGUF [" + rule + "] at byte " + offset + ": " + detail
        : "invalid GGUF [" + rule + "]: " + detail;
  }

  /// The byte offset in the file where the violation was found, or -1 if not applicable.
  public long offset() {
    return offset;
  }

  /// Short stable id of the rule broken.
  public String rule() {
    return rule;
  }
}
