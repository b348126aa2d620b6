package io.nootropic.api;

import java.util.Locale;
import java.util.Objects;

/// Why one provider was not loaded (or not chosen). Loading keeps going: every other provider
/// still loads. Reported by [Providers] and by the runtime's capability registry.
///
/// @param provider the provider class name, or the service file and line when no class name
///                 could be read
/// @param kind     what went wrong
/// @param message  the details, naming the provider and the problem
public record LoadProblem(String provider, Kind kind, String message) {

  /// Checks for nulls.
  public LoadProblem {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /// The sort of failure.
  public enum Kind {
    /// A `META-INF/services` entry names a class that is missing, malformed, not of the service
    /// type, or cannot be linked.
    BROKEN_SERVICE_ENTRY,
    /// The constructor (or static initializer, or the call that names it, such as `describe()`)
    /// threw.
    INSTANTIATION_FAILED,
    /// The constructor or the naming call did not return within the load budget.
    TIMED_OUT,
    /// The descriptor broke a validation rule.
    INVALID_DESCRIPTOR,
    /// Another provider has the same name and no property chose between them (or, in a
    /// registry, the name was taken already).
    DUPLICATE_NAME;

    /// The stable lower-case, dash-separated name used in JSON.
    public String externalName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /// Looks a kind up by its [#externalName()] or enum name, ignoring case.
    ///
    /// @throws IllegalArgumentException when `name` is unknown
    public static Kind forName(String name) {
      for (Kind k : values()) {
        if (k.externalName().equalsIgnoreCase(name) || k.name().equalsIgnoreCase(name)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown load problem kind '" + name + "'");
    }
  }

  @Override
  public String toString() {
    return kind.externalName() + ": " + message;
  }
}
