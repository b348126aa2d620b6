/// Capability descriptors and the [io.nootropic.api.Describable] contract that every agent,
/// adapter, model provider, tool and utility implements.
package io.nootropic.api;
