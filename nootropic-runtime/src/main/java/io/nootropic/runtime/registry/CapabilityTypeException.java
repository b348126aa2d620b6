package io.nootropic.runtime.registry;

/// A capability exists but cannot be used as the requested type: its instance has another type,
/// or it came from a JSON snapshot and has no instance at all.
public final class CapabilityTypeException extends RegistryException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public CapabilityTypeException(String message) {
    super(message);
  }
}
