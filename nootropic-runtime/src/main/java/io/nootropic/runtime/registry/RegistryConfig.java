package io.nootropic.runtime.registry;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/// Settings of a [CapabilityRegistry].
///
/// `loadBudget` is how long one plugin's constructor plus `describe()` may take before it is
/// abandoned and reported as [LoadProblem.Kind#TIMED_OUT]; 2 seconds by default, overridable with
/// the system property `nootropic.registry.loadBudget` (an ISO-8601 duration such as `PT5S`, or
/// milliseconds).
///
/// @param loadBudget time allowed per plugin, positive
public record RegistryConfig(Duration loadBudget) {

  /// The default load budget: 2 seconds.
  public static final Duration DEFAULT_LOAD_BUDGET = Duration.ofSeconds(2);

  /// The system property that overrides the default load budget.
  public static final String LOAD_BUDGET_PROPERTY = "nootropic.registry.loadBudget";

  /// Checks the budget.
  public RegistryConfig {
    Objects.requireNonNull(loadBudget, "loadBudget");
    if (loadBudget.isNegative() || loadBudget.isZero()) {
      throw new IllegalArgumentException("loadBudget must be positive, was " + loadBudget);
    }
  }

  /// The defaults (honouring `nootropic.registry.loadBudget`).
  ///
  /// @throws IllegalArgumentException when the system property is set but not a positive duration
  public static RegistryConfig ofDefaults() {
    String prop = System.getProperty(LOAD_BUDGET_PROPERTY);
    if (prop == null || prop.isBlank()) {
      return new RegistryConfig(DEFAULT_LOAD_BUDGET);
    }
    return new RegistryConfig(parseDuration(prop.trim()));
  }

  /// Starts from the defaults.
  public static Builder custom() {
    return new Builder();
  }

  private static Duration parseDuration(String text) {
    try {
      if (text.chars().allMatch(Character::isDigit)) {
        return Duration.ofMillis(Long.parseLong(text));
      }
      return Duration.parse(text);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          LOAD_BUDGET_PROPERTY + " must be milliseconds or an ISO-8601 duration like PT5S, was '" + text + "'", e);
    }
  }

  /// Builds a [RegistryConfig].
  public static final class Builder {
    private Duration loadBudget = ofDefaults().loadBudget();

    private Builder() {}

    /// Sets the time one plugin may take to construct and describe itself.
    public Builder loadBudget(Duration loadBudget) {
      this.loadBudget = loadBudget;
      return this;
    }

    /// Builds the config.
    public RegistryConfig build() {
      return new RegistryConfig(loadBudget);
    }
  }
}
