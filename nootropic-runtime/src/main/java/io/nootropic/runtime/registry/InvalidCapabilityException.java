package io.nootropic.runtime.registry;

import java.util.List;

/// A capability's descriptor broke a rule (name syntax, semantic version, summary, tags, JSON
/// Schema). The message names the provider class and every problem found.
public final class InvalidCapabilityException extends RegistryException {

  private static final long serialVersionUID = 1L;

  /// The provider class name.
  private final String provider;

  /// One entry per broken rule.
  @SuppressWarnings("serial")
  private final List<String> problems;

  /// Creates the exception for `provider` with the given problems (at least one).
  public InvalidCapabilityException(String provider, List<String> problems) {
    super("invalid capability from " + provider + ": " + String.join("; ", problems));
    this.provider = provider;
    this.problems = List.copyOf(problems);
  }

  /// The class that provided the descriptor.
  public String provider() {
    return provider;
  }

  /// Every problem found, in the order checked.
  public List<String> problems() {
    return problems;
  }
}
