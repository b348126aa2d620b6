package io.nootropic.inference.internal.transformer;

/// `qwen2`: Qwen2 / Qwen2.5 (and -Coder): biases on the Q, K and V projections, NeoX RoPE.
final class Qwen2Architecture extends Architecture {

  @Override
  public String name() {
    return "qwen2";
  }

  @Override
  public boolean neoxRope() {
    return true;
  }

  @Override
  public boolean qkvBias() {
    return true;
  }
}
