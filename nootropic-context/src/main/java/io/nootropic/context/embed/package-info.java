/// Embedding models for dense retrieval: in-process all-MiniLM-L6-v2 (ONNX, no network) and a
/// dependency-free hashing-trick model.
package io.nootropic.context.embed;
