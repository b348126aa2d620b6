package io.nootropic.runtime.registry;

import io.nootropic.api.LoadProblem;
import io.nootropic.api.Providers;
import java.time.Duration;
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
  public static final Duration DEFAULT_LOAD_BUDGET = Providers.DEFAULT_LOAD_BUDGET;

  /// The system property that overrides the default load budget.
  public static final String LOAD_BUDGET_PROPERTY = Providers.LOAD_BUDGET_PROPERTY;

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
    return new RegistryConfig(Providers.defaultBudget());
  }

  /// Starts from the defaults.
  public static Builder custom() {
    return new Builder();
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
