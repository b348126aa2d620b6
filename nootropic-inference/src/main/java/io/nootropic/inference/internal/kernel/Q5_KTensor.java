package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;

/// ggml `Q5_K`: super-blocks of 256 elements in 176 bytes,
/// `{ f16 d; f16 dmin; u8 scales[12]; u8 qh[32]; u8 qs[128]; }`.
///
/// As [Q4_KTensor] (same packed 6-bit scales and mins, same nibble order) plus a fifth bit per
/// element: for 64-element group `g`, bit `2g` of `qh[l]` completes the low nibble of `qs[32g + l]`
/// and bit `2g + 1` the high nibble.
public final class Q5_KTensor extends WeightTensor {

  static final int BLOCK = 256;
  static final int BYTES = 176;

  /// Wraps `rows x cols` elements (`cols` a multiple of 256).
  public Q5_KTensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, BLOCK, BYTES);
  }

  @Override
  public String type() {
    return "Q5_K";
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    int blocks = cols / BLOCK;
    for (int b = 0; b < blocks; b++) {
      long blk = base + (long) b * BYTES;
      float d = half(blk);
      float dmin = half(blk + 2);
      long scales = blk + 4;
      long qh = blk + 16;
      long qs = blk + 48;
      int o = off + b * BLOCK;
      for (int g = 0; g < 4; g++) {
        float d1 = d * Q4_KTensor.scaleMin(data, scales, 2 * g, 0);
        float m1 = dmin * Q4_KTensor.scaleMin(data, scales, 2 * g, 1);
        float d2 = d * Q4_KTensor.scaleMin(data, scales, 2 * g + 1, 0);
        float m2 = dmin * Q4_KTensor.scaleMin(data, scales, 2 * g + 1, 1);
        int u1 = 1 << (2 * g);
        int u2 = 2 << (2 * g);
        for (int l = 0; l < 32; l++) {
          int q = ubyte(qs + 32L * g + l);
          int h = ubyte(qh + l);
          out[o + 64 * g + l] = d1 * ((q & 0x0F) + ((h & u1) != 0 ? 16 : 0)) - m1;
          out[o + 64 * g + 32 + l] = d2 * ((q >>> 4) + ((h & u2) != 0 ? 16 : 0)) - m2;
        }
      }
    }
  }
}
