package io.nootropic.agents.archfixture;

/// Fixture breaking "internal packages stay inside their module".
public final class AgentUsingRuntimeInternals {
  /// Uses a runtime internal class.
  public static Object internal() {
    return (java.util.function.Function<io.nootropic.api.CapabilityDescriptor, ?>) io.nootropic.runtime.registry.internal.DescriptorValidator::validate;
  }
}
