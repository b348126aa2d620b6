package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.IntVector;

/// ggml `Q5_1`: blocks of 32 elements in 24 bytes, `{ f16 d; f16 m; u32 qh; u8 qs[16]; }`.
/// Element `j < 16` is `d * ((qs[j] & 0xF) | (bit j of qh) << 4) + m`, element `j + 16` uses the high
/// nibble and bit `j + 16` of qh.
public final class Q5_1Tensor extends WeightTensor {

  static final int BLOCK = 32;
  static final int BYTES = 24;

  /// Wraps `rows x cols` elements (`cols` a multiple of 32).
  public Q5_1Tensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, BLOCK, BYTES);
  }

  @Override
  public String type() {
    return "Q5_1";
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    int blocks = cols / BLOCK;
    for (int b = 0; b < blocks; b++) {
      long blk = base + (long) b * BYTES;
      float d = half(blk);
      float m = half(blk + 2);
      int qh = data.get(INT_LE, blk + 4);
      int o = off + b * BLOCK;
      for (int j = 0; j < 16; j++) {
        int q = ubyte(blk + 8 + j);
        int h0 = ((qh >>> j) & 1) << 4;
        int h1 = ((qh >>> (j + 16)) & 1) << 4;
        out[o + j] = ((q & 0x0F) | h0) * d + m;
        out[o + j + 16] = ((q >>> 4) | h1) * d + m;
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
      int qh = data.get(INT_LE, blk + 4);
      int o = off + b * BLOCK;
      IntVector q = Lanes512.bytes(data, blk + 8);
      IntVector lo = q.and(0x0F).or(Lanes512.fifthBits(qh, Lanes512.IOTA));
      IntVector hi = q.lanewise(VectorOperators.LSHR, 4).or(Lanes512.fifthBits(qh, Lanes512.IOTA_16));
      Lanes512.floats(lo).mul(d).add(m).intoArray(out, o);
      Lanes512.floats(hi).mul(d).add(m).intoArray(out, o + 16);
    }
  }
}
