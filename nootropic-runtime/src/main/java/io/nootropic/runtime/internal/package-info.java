/// Internals of the Nootropic runtime: not public API, may change without notice.
package io.nootropic.runtime.internal;
