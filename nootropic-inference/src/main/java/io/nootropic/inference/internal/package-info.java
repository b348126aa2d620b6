/// Internals of the inference module: not public API, may change.
package io.nootropic.inference.internal;
