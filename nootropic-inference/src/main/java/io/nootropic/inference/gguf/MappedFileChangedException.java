package io.nootropic.inference.gguf;

/// A mapped GGUF file was truncated, replaced or modified after it was opened, so its mapping can
/// no longer be trusted (rule `file-changed-while-mapped`). Reading a truncated mapping would
/// otherwise fault; [GgufFile#guard] turns such faults into this exception.
public class MappedFileChangedException extends GgufFormatException {

  private static final long serialVersionUID = 1L;

  /// The rule id of this exception.
  public static final String RULE = "file-changed-while-mapped";

  /// Creates the exception.
  public MappedFileChangedException(String detail) {
    super(RULE, -1, detail);
  }

  /// Creates the exception with a cause (typically the JVM's InternalError from a faulting access).
  public MappedFileChangedException(String detail, Throwable cause) {
    super(RULE, -1, detail, cause);
  }
}
