package io.nootropic.api.archfixture;

/// Fixture breaking "api is pure": an api class using the runtime.
public final class ApiUsingRuntime {
  /// Uses a runtime type.
  public static Object registry() {
    return io.nootropic.runtime.registry.CapabilityRegistry.create();
  }
}
