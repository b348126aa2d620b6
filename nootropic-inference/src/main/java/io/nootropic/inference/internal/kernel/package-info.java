/// Tensor formats and compute kernels of the inference engine (ggml block layouts, Vector API
/// kernels with scalar oracles, the fixed thread pool). Not public API, may change.
package io.nootropic.inference.internal.kernel;
