/// Tokenizers built from GGUF metadata that reproduce llama.cpp's tokenization exactly:
/// SentencePiece-style (`llama`), GPT-2 byte-level BPE (`gpt2`) with the pre-tokenizer named by
/// `tokenizer.ggml.pre`, and WordPiece (`bert`). Start with [Tokenizer#fromGguf].
package io.nootropic.inference.tokenizer;
