package io.nootropic.inference.internal.transformer;

/// `llama`: Llama 2 / 3.x (rope scaling via `rope.scaling.*` or the `rope_freqs` factors),
/// TinyLlama, SmolLM, CodeLlama and Mistral-style models. RoPE on adjacent pairs (the GGUF converter
/// permutes Q/K weights accordingly).
final class LlamaArchitecture extends Architecture {

  @Override
  public String name() {
    return "llama";
  }

  @Override
  public boolean neoxRope() {
    return false;
  }
}
