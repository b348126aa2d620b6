/// Transformer language models over GGUF files: the configuration read from metadata, the loaded
/// model and its inference sessions (KV cache, prompt ingestion, decode steps).
package io.nootropic.inference.transformer;
