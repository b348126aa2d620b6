/// Chat prompt rendering: a compact interpreter of the Jinja subset used by the chat templates
/// stored in GGUF files (`tokenizer.chat_template`), and a fallback format for models without one.
///
/// ## Why an own interpreter
/// The inference module depends on nothing but the JDK and the api module. Jinjava would bring
/// Guava (and more) into every host application that embeds the engine, for a feature that needs a
/// small, fixed subset of Jinja: published chat templates use conditionals, loops, `set` with
/// `namespace()`, a dozen filters and tests, string methods and `raise_exception`. An interpreter of
/// that subset (about 3,000 lines with its JSON reader and writer) renders exactly like Hugging Face `transformers` (Python value
/// semantics, `trim_blocks`/`lstrip_blocks`, `tojson` layout), is bounded against hostile templates
/// (output size, loop iterations, recursion) and reports anything outside the subset as a
/// [io.nootropic.inference.chat.ChatTemplateException] naming the construct and its line and
/// column, at parse time where possible. Golden tests render the published templates of Llama
/// 3.1/3.2, Qwen2.5/Qwen3 (with tools), SmolLM2, Mistral, Phi-3 and Zephyr/TinyLlama.
package io.nootropic.inference.chat;
