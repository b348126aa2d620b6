/// A minimal JSON reader and writer (the inference module has no third-party dependencies): not
/// public API, may change.
package io.nootropic.inference.internal.json;
