package io.nootropic.inference.internal.transformer;

/// `qwen3`: per-head RMSNorm of Q and K before RoPE, no QKV biases, NeoX RoPE, explicit head size.
final class Qwen3Architecture extends Architecture {

  @Override
  public String name() {
    return "qwen3";
  }

  @Override
  public boolean neoxRope() {
    return true;
  }

  @Override
  public boolean qkNorm() {
    return true;
  }
}
