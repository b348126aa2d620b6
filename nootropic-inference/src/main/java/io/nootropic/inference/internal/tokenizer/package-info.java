/// Tokenizer internals (vocabulary value, SPM / byte-level BPE / WordPiece algorithms,
/// pre-tokenizers, Unicode tables): not public API, may change.
package io.nootropic.inference.internal.tokenizer;
