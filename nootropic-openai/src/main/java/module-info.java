/// A [io.nootropic.api.model.ModelProvider] for OpenAI-compatible chat-completions endpoints
/// (OpenAI, vLLM, llama-server, Ollama, LM Studio), on the JDK's HTTP client.
module io.nootropic.openai {
  requires transitive io.nootropic.runtime;
  requires java.net.http;

  exports io.nootropic.openai;
}
