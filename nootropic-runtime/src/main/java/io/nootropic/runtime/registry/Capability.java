package io.nootropic.runtime.registry;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.Describable;
import java.util.Objects;
import java.util.Optional;

/// One registered capability: its validated descriptor, who provided it, where it came from and
/// (unless it was read back from a JSON snapshot) the live instance.
///
/// Equality covers everything but the instance.
public final class Capability {

  private final CapabilityDescriptor descriptor;
  private final String provider;
  private final CapabilityOrigin origin;
  private final String location;
  private final Describable instance;

  /// Creates an entry. `instance` is `null` for entries read back from a JSON snapshot.
  ///
  /// @param descriptor the validated descriptor
  /// @param provider   the fully qualified provider class name
  /// @param origin     where it came from
  /// @param location   the module name, the jar or directory name, or `""`
  /// @param instance   the live object, or `null` when read from a snapshot
  public Capability(
      CapabilityDescriptor descriptor,
      String provider,
      CapabilityOrigin origin,
      String location,
      Describable instance) {
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.location = location == null ? "" : location;
    this.instance = instance;
  }

  /// The validated descriptor.
  public CapabilityDescriptor descriptor() {
    return descriptor;
  }

  /// Shortcut for `descriptor().name()`.
  public String name() {
    return descriptor.name();
  }

  /// The fully qualified class name of the provider.
  public String provider() {
    return provider;
  }

  /// Where the capability came from.
  public CapabilityOrigin origin() {
    return origin;
  }

  /// The module name (module path), the jar or directory file name (class path), or `""`.
  public String location() {
    return location;
  }

  /// The live instance; empty for capabilities read from a snapshot.
  public Optional<Describable> instance() {
    return Optional.ofNullable(instance);
  }

  /// The live instance as `type`.
  ///
  /// @throws CapabilityTypeException when there is no instance or it is not a `type`
  public <T> T as(Class<T> type) {
    if (instance == null) {
      throw new CapabilityTypeException("capability '" + name() + "' was read from a snapshot and has no instance");
    }
    if (!type.isInstance(instance)) {
      throw new CapabilityTypeException("capability '" + name() + "' (" + provider + ") is a "
          + descriptor.kind().externalName() + ", not a " + type.getName());
    }
    return type.cast(instance);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Capability c
        && descriptor.equals(c.descriptor)
        && provider.equals(c.provider)
        && origin == c.origin
        && location.equals(c.location);
  }

  @Override
  public int hashCode() {
    return Objects.hash(descriptor, provider, origin, location);
  }

  @Override
  public String toString() {
    return name() + " " + descriptor.version() + " (" + descriptor.kind().externalName() + ", "
        + provider + ", " + origin.externalName() + (location.isEmpty() ? "" : " " + location) + ")";
  }
}
