/// Entry points of the local inference engine.
///
/// - [io.nootropic.inference.LocalModelProvider]: the `local` model provider (ServiceLoader-
///   discoverable). Models come from the system property `nootropic.local.models` and the
///   environment variable `NOOTROPIC_MODELS` (GGUF files or directories, path-separator separated)
///   or [io.nootropic.inference.LocalModelProvider#register(java.nio.file.Path)]; listing reads only
///   GGUF headers, loading happens once on first use, `close()` unmaps every file.
/// - [io.nootropic.inference.LocalModel]: one opened GGUF file with its weights, tokenizer and chat
///   format; [io.nootropic.inference.LocalChatModel]: the api `ChatModel` over it.
/// - [io.nootropic.inference.Generator]: prompt in, streamed text out, with stop strings,
///   end-of-generation tokens, token limits, cancellation and prompt prefix reuse between calls.
///
/// The KV-cache size defaults to 4096 tokens (system property `nootropic.local.context`), capped by
/// the model's trained context.
package io.nootropic.inference;
