package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

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

  @Override
  public float dotVector(int row, float[] x, int xOff, float[] scratch) {
    if (VectorizationProvider.BIT_SIZE != 512) {
      return super.dotVector(row, x, xOff, scratch);
    }
    return dot512(data, row * rowBytes, cols / BLOCK, x, xOff);
  }

  /// Bits of `2^23`: OR-ing a 5-bit value into its mantissa gives `2^23 + q` exactly.
  private static final int MAGIC_BITS = 0x4B00_0000;
  /// `2^23 + 16`: subtracting it leaves `q - 16`.
  private static final FloatVector MAGIC_PLUS_16 = FloatVector.broadcast(Lanes512.F, 8_388_624f);

  // As Q4_0's kernel (two blocks per iteration, nibbles widened once to int lanes, exact floats via
  // the 2^23 mantissa trick), with the fifth bits OR-ed in under a lane mask made from qh: the low
  // 16 bits of qh complete the low nibbles, the high 16 bits the high ones. Kept over C2's inline
  // size so it compiles on its own (see KernelCompilationTest).
  private static float dot512(MemorySegment w, long base, int blocks, float[] x, int xOff) {
    VectorSpecies<Float> f = Lanes512.F;
    FloatVector acc0 = FloatVector.zero(f);
    FloatVector acc1 = FloatVector.zero(f);
    int b = 0;
    for (; b + 1 < blocks; b += 2) {
      long blk = base + (long) b * BYTES;
      int xb = xOff + b * BLOCK;
      int qh0 = w.get(INT_LE, blk + 2);
      int qh1 = w.get(INT_LE, blk + BYTES + 2);
      IntVector p0 = Lanes512.bytes(w, blk + 6);
      IntVector p1 = Lanes512.bytes(w, blk + BYTES + 6);
      FloatVector s0 = low(p0, qh0).mul(FloatVector.fromArray(f, x, xb));
      s0 = high(p0, qh0).fma(FloatVector.fromArray(f, x, xb + 16), s0);
      FloatVector s1 = low(p1, qh1).mul(FloatVector.fromArray(f, x, xb + 32));
      s1 = high(p1, qh1).fma(FloatVector.fromArray(f, x, xb + 48), s1);
      acc0 = s0.fma(FloatVector.broadcast(f, Float.float16ToFloat(w.get(SHORT_LE, blk))), acc0);
      acc1 = s1.fma(FloatVector.broadcast(f, Float.float16ToFloat(w.get(SHORT_LE, blk + BYTES))), acc1);
    }
    for (; b < blocks; b++) {
      long blk = base + (long) b * BYTES;
      int xb = xOff + b * BLOCK;
      int qh0 = w.get(INT_LE, blk + 2);
      IntVector p0 = Lanes512.bytes(w, blk + 6);
      FloatVector s0 = low(p0, qh0).mul(FloatVector.fromArray(f, x, xb));
      s0 = high(p0, qh0).fma(FloatVector.fromArray(f, x, xb + 16), s0);
      acc0 = s0.fma(FloatVector.broadcast(f, Float.float16ToFloat(w.get(SHORT_LE, blk))), acc0);
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }

  /// `((v & 0xF) | (bit j of qh) << 4) - 16` in lane `j`, as exact floats.
  private static FloatVector low(IntVector v, int qh) {
    return v.and(0x0F).or(MAGIC_BITS).lanewise(VectorOperators.OR, 16, VectorMask.fromLong(Lanes512.I, qh & 0xFFFF))
        .reinterpretAsFloats().sub(MAGIC_PLUS_16);
  }

  /// `((v >>> 4) | (bit j + 16 of qh) << 4) - 16` in lane `j`, as exact floats.
  private static FloatVector high(IntVector v, int qh) {
    return v.lanewise(VectorOperators.LSHR, 4).or(MAGIC_BITS)
        .lanewise(VectorOperators.OR, 16, VectorMask.fromLong(Lanes512.I, qh >>> 16))
        .reinterpretAsFloats().sub(MAGIC_PLUS_16);
  }
}
