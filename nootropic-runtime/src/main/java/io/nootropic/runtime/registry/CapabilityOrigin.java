package io.nootropic.runtime.registry;

import java.util.Locale;

/// Where a registered capability came from.
public enum CapabilityOrigin {
  /// A `provides` clause of a named module (module path or a host's module layer).
  MODULE,
  /// A `META-INF/services/io.nootropic.api.Describable` entry on the class path.
  CLASS_PATH,
  /// Registered programmatically by the host with [CapabilityRegistry#register].
  HOST;

  /// The stable lower-case, dash-separated name used in JSON.
  public String externalName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /// Looks an origin up by its [#externalName()] or enum name, ignoring case.
  ///
  /// @throws IllegalArgumentException naming the accepted values when `name` is unknown
  public static CapabilityOrigin forName(String name) {
    for (CapabilityOrigin o : values()) {
      if (o.externalName().equalsIgnoreCase(name) || o.name().equalsIgnoreCase(name)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "unknown capability origin '" + name + "'; expected one of module, class-path, host");
  }
}
