/// Internals of the capability registry (plugin loading, validation, JSON, ranking): not public
/// API, may change without notice.
package io.nootropic.runtime.registry.internal;
