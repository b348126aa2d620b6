package io.nootropic.inference.internal.jinja;

/// An error found while parsing or rendering a template, located by its character offset.
public final class TemplateError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String construct;
  private final int offset;
  private final boolean raised;

  TemplateError(String construct, String message, int offset) {
    this(construct, message, offset, false);
  }

  TemplateError(String construct, String message, int offset, boolean raised) {
    super(message);
    this.construct = construct;
    this.offset = offset;
    this.raised = raised;
  }

  /// The construct at fault, e.g. `filter 'wordwrap'` or `tag 'call'`.
  public String construct() {
    return construct;
  }

  /// Offset of the construct in the template source, or -1.
  public int offset() {
    return offset;
  }

  /// Whether the template itself raised the error with `raise_exception`.
  public boolean raised() {
    return raised;
  }
}
