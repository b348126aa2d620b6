/// A pure-Java quantized LLM engine: GGUF files mapped with Panama FFM, Vector API kernels,
/// Llama-family models, tokenizers and sampling.
@SuppressWarnings("module") // the CLI, the target of a qualified export, is built after this module
module io.nootropic.inference {
  requires transitive io.nootropic.api;
  requires jdk.incubator.vector;

  exports io.nootropic.inference;
  exports io.nootropic.inference.gguf;
  exports io.nootropic.inference.sampling;
  exports io.nootropic.inference.chat;
  exports io.nootropic.inference.tokenizer;
  exports io.nootropic.inference.transformer;
  // benchmark harnesses: tooling for the CLI, not API
  exports io.nootropic.inference.tooling to io.nootropic.cli;

  provides io.nootropic.api.model.ModelProvider with io.nootropic.inference.LocalModelProvider;
  provides io.nootropic.api.Describable with io.nootropic.inference.LocalModelProvider;
}
