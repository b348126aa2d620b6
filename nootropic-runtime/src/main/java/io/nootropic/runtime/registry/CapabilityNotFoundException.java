package io.nootropic.runtime.registry;

import java.util.List;

/// No capability has the requested name. The message lists close names when there are any.
public final class CapabilityNotFoundException extends RegistryException {

  private static final long serialVersionUID = 1L;

  private final String name;

  /// Creates the exception; `suggestions` are names that look alike (may be empty).
  public CapabilityNotFoundException(String name, List<String> suggestions) {
    super("unknown capability '" + name + "'"
        + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?"));
    this.name = name;
  }

  /// The name that was asked for.
  public String name() {
    return name;
  }
}
