/// Chat prompt rendering: a compact interpreter of the Jinja subset used by the chat templates
/// stored in GGUF files (`tokenizer.chat_template`), and a fallback format for models without one.
package io.nootropic.inference.chat;
