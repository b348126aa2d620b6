package io.nootropic.api;

/// Anything that can describe itself as a capability: agents, adapters, model providers, tools
/// and utilities.
///
/// Implementations are discovered with [java.util.ServiceLoader] (declare them with `provides
/// io.nootropic.api.Describable with ...` in `module-info.java` and in
/// `META-INF/services/io.nootropic.api.Describable`) or registered by the host. Constructors must
/// be cheap: heavy work belongs in the first real call, never in the constructor.
///
/// @since 0.1
public interface Describable {

  /// Returns the descriptor of this capability. Must be fast, side-effect free and return an
  /// equal value on every call.
  CapabilityDescriptor describe();
}
