/// Transformer architectures, weights and the forward pass behind
/// [io.nootropic.inference.transformer.LanguageModel]. Not public API, may change.
package io.nootropic.inference.internal.transformer;
