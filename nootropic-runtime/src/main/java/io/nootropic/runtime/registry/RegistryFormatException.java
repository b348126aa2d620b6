package io.nootropic.runtime.registry;

/// A registry snapshot (`describe-registry.json`) could not be read: it is not JSON, has an
/// unsupported `formatVersion` or a malformed entry. The message names the file and the problem.
public final class RegistryFormatException extends RegistryException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public RegistryFormatException(String message) {
    super(message);
  }

  /// Creates the exception with a cause.
  public RegistryFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
