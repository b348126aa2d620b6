/// A minimal client of the OpenAI-compatible chat completions API (JSON and server-sent events).
/// Not public API, may change.
package io.nootropic.runtime.internal.openai;
