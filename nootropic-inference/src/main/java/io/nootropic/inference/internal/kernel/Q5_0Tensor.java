package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.IntVector;

/// ggml `Q5_0`: blocks of 32 elements in 22 bytes, `{ f16 d; u32 qh; u8 qs[16]; }` (qh little-endian).
/// Element `j < 16` is `d * (((qs[j] & 0xF) | (bit j of qh) << 4) - 16)`, element `j + 16` uses the
/// high nibble and bit `j + 16` of qh.
public final class Q5_0Tensor extends WeightTensor {

  static final int BLOCK = 32;
  static final int BYTES = 22;

  /// Wraps `rows x cols` elements (`cols` a multiple of 32).
  public Q5_0Tensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, BLOCK, BYTES);
  }

  @Override
  public String type() {
    return "Q5_0";
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    int blocks = cols / BLOCK;
    for (int b = 0; b < blocks; b++) {
      long blk = base + (long) b * BYTES;
      float d = half(blk);
      int qh = data.get(INT_LE, blk + 2);
      int o = off + b * BLOCK;
      for (int j = 0; j < 16; j++) {
        int q = ubyte(blk + 6 + j);
        int h0 = ((qh >>> j) & 1) << 4;
        int h1 = ((qh >>> (j + 16)) & 1) << 4;
        out[o + j] = (((q & 0x0F) | h0) - 16) * d;
        out[o + j + 16] = (((q >>> 4) | h1) - 16) * d;
      }
    }
  }

  @Override
  public void dequantizeRowVector(int row, float[] out, int off) {
    if (VectorizationProvider.BIT_SIZE != 512) {
      dequantizeRow(row, out, off);
      return;
    }
    long base = row * rowBytes;
    int blocks = cols / BLOCK;
    for (int b = 0; b < blocks; b++) {
      long blk = base + (long) b * BYTES;
      float d = half(blk);
      int qh = data.get(INT_LE, blk + 2);
      int o = off + b * BLOCK;
      IntVector q = Lanes512.bytes(data, blk + 6);
      IntVector lo = q.and(0x0F).or(Lanes512.fifthBits(qh, Lanes512.IOTA)).sub(16);
      IntVector hi = q.lanewise(VectorOperators.LSHR, 4).or(Lanes512.fifthBits(qh, Lanes512.IOTA_16)).sub(16);
      Lanes512.floats(lo).mul(d).intoArray(out, o);
      Lanes512.floats(hi).mul(d).intoArray(out, o + 16);
    }
  }
}
