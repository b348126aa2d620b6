package io.nootropic.api;

import java.util.Locale;

/// How far a host may rely on a capability's contract.
public enum Stability {
  /// May change or disappear in any release.
  EXPERIMENTAL,
  /// Feature-complete; may still change in a minor release.
  BETA,
  /// Changes only in a major release.
  STABLE,
  /// Still works, scheduled for removal.
  DEPRECATED;

  /// The stable lower-case name used in JSON and on the command line.
  public String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /// Looks a stability level up by name, ignoring case.
  ///
  /// @throws IllegalArgumentException naming the accepted values when `name` is unknown
  public static Stability forName(String name) {
    for (Stability s : values()) {
      if (s.name().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown stability '" + name + "'; expected one of experimental, beta, stable, deprecated");
  }
}
