package io.nootropic.agents.archfixture;

/// Fixture breaking "internal packages stay inside their module".
public final class AgentUsingRuntimeInternals {
  /// Uses a runtime internal class.
  public static Object internal() {
    return io.nootropic.runtime.registry.internal.Ranking.suggestions("x", java.util.List.of());
  }
}
