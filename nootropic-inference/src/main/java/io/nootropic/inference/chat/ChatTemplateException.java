package io.nootropic.inference.chat;

import io.nootropic.api.NootropicException;

/// A chat template could not be parsed or rendered: an unsupported construct, a syntax error, a
/// runtime type error, or an error the template raised itself with `raise_exception(...)`.
///
/// The message names the construct and its position (`line:column`, 1-based) in the template.
public class ChatTemplateException extends NootropicException {

  private static final long serialVersionUID = 1L;

  private final String construct;
  private final int line;
  private final int column;
  private final boolean raisedByTemplate;

  /// Creates the exception.
  ///
  /// @param construct        the construct at fault, e.g. `tag 'call'` or `filter 'wordwrap'`
  /// @param message          what is wrong
  /// @param line             1-based line in the template, or 0 when unknown
  /// @param column           1-based column in the template, or 0 when unknown
  /// @param raisedByTemplate whether the template itself raised the error (`raise_exception`)
  public ChatTemplateException(String construct, String message, int line, int column, boolean raisedByTemplate) {
    super((raisedByTemplate ? "chat template raised an error" : "chat template error")
        + (line > 0 ? " at line " + line + ", column " + column : "") + " (" + construct + "): " + message);
    this.construct = construct;
    this.line = line;
    this.column = column;
    this.raisedByTemplate = raisedByTemplate;
  }

  /// The construct at fault, e.g. `tag 'call'`, `filter 'wordwrap'`, `raise_exception`.
  public String construct() {
    return construct;
  }

  /// The 1-based line of the construct, or 0 when unknown.
  public int line() {
    return line;
  }

  /// The 1-based column of the construct, or 0 when unknown.
  public int column() {
    return column;
  }

  /// Whether the template raised this error itself (`raise_exception`), e.g. because the roles do
  /// not alternate the way the model expects.
  public boolean raisedByTemplate() {
    return raisedByTemplate;
  }
}
