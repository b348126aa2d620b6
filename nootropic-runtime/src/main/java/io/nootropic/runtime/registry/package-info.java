/// The capability registry: discovers every [io.nootropic.api.Describable] with
/// [java.util.ServiceLoader] (module path and class path), accepts the host's own capabilities,
/// validates descriptors, isolates broken plugins, answers ranked queries, exports a JSON snapshot
/// and renders Markdown docs.
///
/// Start with [io.nootropic.runtime.registry.CapabilityRegistry#discover()].
package io.nootropic.runtime.registry;
