package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.IntVector;

/// ggml `Q4_1`: blocks of 32 elements in 20 bytes, `{ f16 d; f16 m; u8 qs[16]; }`.
/// Element `j < 16` is `d * (qs[j] & 0xF) + m`, element `j + 16` is `d * (qs[j] >> 4) + m`.
public final class Q4_1Tensor extends WeightTensor {

  static final int BLOCK = 32;
  static final int BYTES = 20;

  /// Wraps `rows x cols` elements (`cols` a multiple of 32).
  public Q4_1Tensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, BLOCK, BYTES);
  }

  @Override
  public String type() {
    return "Q4_1";
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    int blocks = cols / BLOCK;
    for (int b = 0; b < blocks; b++) {
      long blk = base + (long) b * BYTES;
      float d = half(blk);
      float m = half(blk + 2);
      int o = off + b * BLOCK;
      for (int j = 0; j < 16; j++) {
        int q = ubyte(blk + 4 + j);
        out[o + j] = (q & 0x0F) * d + m;
        out[o + j + 16] = (q >>> 4) * d + m;
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
      float m = half(blk + 2);
      int o = off + b * BLOCK;
      IntVector q = Lanes512.bytes(data, blk + 4);
      // q * d + m, rounded like the scalar code (multiply, then add)
      Lanes512.floats(q.and(0x0F)).mul(d).add(m).intoArray(out, o);
      Lanes512.floats(q.lanewise(VectorOperators.LSHR, 4)).mul(d).add(m).intoArray(out, o + 16);
    }
  }
}
