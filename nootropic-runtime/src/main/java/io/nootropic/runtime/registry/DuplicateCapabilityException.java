package io.nootropic.runtime.registry;

/// A second capability claimed a name that is already registered. The first one stays.
public final class DuplicateCapabilityException extends RegistryException {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final String existingProvider;
  private final String rejectedProvider;

  /// Creates the exception.
  public DuplicateCapabilityException(String name, String existingProvider, String rejectedProvider) {
    super("duplicate capability '" + name + "' from " + rejectedProvider
        + ": already registered by " + existingProvider);
    this.name = name;
    this.existingProvider = existingProvider;
    this.rejectedProvider = rejectedProvider;
  }

  /// The contested name.
  public String name() {
    return name;
  }

  /// The provider class that registered the name first (and keeps it).
  public String existingProvider() {
    return existingProvider;
  }

  /// The provider class that was refused.
  public String rejectedProvider() {
    return rejectedProvider;
  }
}
