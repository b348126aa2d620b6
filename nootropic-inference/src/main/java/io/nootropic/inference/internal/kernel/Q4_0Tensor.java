package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/// ggml `Q4_0`: blocks of 32 elements in 18 bytes, `{ f16 d; u8 qs[16]; }`.
/// Element `j < 16` is `d * ((qs[j] & 0xF) - 8)`, element `j + 16` is `d * ((qs[j] >> 4) - 8)`.
public final class Q4_0Tensor extends WeightTensor {

  static final int BLOCK = 32;
  static final int BYTES = 18;

  /// Wraps `rows x cols` elements (`cols` a multiple of 32).
  public Q4_0Tensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, BLOCK, BYTES);
  }

  @Override
  public String type() {
    return "Q4_0";
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    int blocks = cols / BLOCK;
    for (int b = 0; b < blocks; b++) {
      long blk = base + (long) b * BYTES;
      float d = half(blk);
      int o = off + b * BLOCK;
      for (int j = 0; j < 16; j++) {
        int q = ubyte(blk + 2 + j);
        out[o + j] = ((q & 0x0F) - 8) * d;
        out[o + j + 16] = ((q >>> 4) - 8) * d;
      }
    }
  }

  @Override
  public float dotVector(int row, float[] x, int xOff, float[] scratch) {
    return Simd.dot(data, row * rowBytes, cols / BLOCK, x, xOff);
  }

  @Override
  public void dequantizeRowVector(int row, float[] out, int off) {
    Simd.dequantize(data, row * rowBytes, cols / BLOCK, out, off);
  }

  static final class Simd {
    static final VectorSpecies<Float> F =
        VectorSpecies.of(float.class, VectorShape.forBitSize(VectorizationProvider.BIT_SIZE));
    static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8));

    private Simd() { }

    static float dot(MemorySegment w, long base, int blocks, float[] x, int xOff) {
      if (F.length() == 16) {
        return dot512(w, base, blocks, x, xOff);
      }
      int l = F.length();
      FloatVector acc = FloatVector.zero(F);
      for (int b = 0; b < blocks; b++) {
        long blk = base + (long) b * BYTES;
        int xb = xOff + b * BLOCK;
        FloatVector sum = FloatVector.zero(F);
        for (int j = 0; j < 16; j += l) {
          ByteVector packed = ByteVector.fromMemorySegment(B, w, blk + 2 + j, ByteOrder.LITTLE_ENDIAN);
          FloatVector lo = (FloatVector) packed.and((byte) 0x0F).sub((byte) 8).castShape(F, 0);
          FloatVector hi = (FloatVector) packed.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).castShape(F, 0);
          sum = lo.fma(FloatVector.fromArray(F, x, xb + j), sum);
          sum = hi.fma(FloatVector.fromArray(F, x, xb + 16 + j), sum);
        }
        float d = Float.float16ToFloat(w.get(SHORT_LE, blk));
        acc = sum.fma(FloatVector.broadcast(F, d), acc);
      }
      return acc.reduceLanes(VectorOperators.ADD);
    }

    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    /// `2^23`: a float whose low mantissa bits hold a small integer `q` as `2^23 + q` exactly.
    static final int MAGIC_BITS = 0x4B00_0000;
    /// `2^23 + 8`: subtracting it from `2^23 + q` gives `q - 8` exactly.
    static final FloatVector MAGIC_PLUS_8 = FloatVector.broadcast(F, 8_388_616f);

    // 16 float lanes: one block = 16 packed bytes, zero-extended once to 16 int lanes; the low
    // nibbles (x[0..16)) and high nibbles (x[16..32)) become exact floats q - 8 by OR-ing them into
    // the mantissa of 2^23 and subtracting 2^23 + 8 (cheaper than an int-to-float conversion).
    // Two blocks per iteration into two accumulators break the FMA dependency chain.
    private static float dot512(MemorySegment w, long base, int blocks, float[] x, int xOff) {
      FloatVector acc0 = FloatVector.zero(F);
      FloatVector acc1 = FloatVector.zero(F);
      int b = 0;
      for (; b + 1 < blocks; b += 2) {
        long blk = base + (long) b * BYTES;
        int xb = xOff + b * BLOCK;
        IntVector p0 = widen(w, blk + 2);
        IntVector p1 = widen(w, blk + BYTES + 2);
        FloatVector s0 = low(p0).mul(FloatVector.fromArray(F, x, xb));
        s0 = high(p0).fma(FloatVector.fromArray(F, x, xb + 16), s0);
        FloatVector s1 = low(p1).mul(FloatVector.fromArray(F, x, xb + 32));
        s1 = high(p1).fma(FloatVector.fromArray(F, x, xb + 48), s1);
        acc0 = s0.fma(FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, blk))), acc0);
        acc1 = s1.fma(FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, blk + BYTES))), acc1);
      }
      for (; b < blocks; b++) {
        long blk = base + (long) b * BYTES;
        int xb = xOff + b * BLOCK;
        IntVector p0 = widen(w, blk + 2);
        FloatVector s0 = low(p0).mul(FloatVector.fromArray(F, x, xb));
        s0 = high(p0).fma(FloatVector.fromArray(F, x, xb + 16), s0);
        acc0 = s0.fma(FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, blk))), acc0);
      }
      return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }

    /// The 16 bytes at `off`, zero-extended to 16 int lanes (512-bit species only).
    private static IntVector widen(MemorySegment w, long off) {
      return (IntVector) ByteVector.fromMemorySegment(B, w, off, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
    }

    /// `(v & 0xF) - 8` as exact floats.
    private static FloatVector low(IntVector v) {
      return v.and(0x0F).or(MAGIC_BITS).reinterpretAsFloats().sub(MAGIC_PLUS_8);
    }

    /// `(v >>> 4) - 8` as exact floats (`v` holds zero-extended bytes).
    private static FloatVector high(IntVector v) {
      return v.lanewise(VectorOperators.LSHR, 4).or(MAGIC_BITS).reinterpretAsFloats().sub(MAGIC_PLUS_8);
    }

    static void dequantize(MemorySegment w, long base, int blocks, float[] out, int off) {
      int l = F.length();
      for (int b = 0; b < blocks; b++) {
        long blk = base + (long) b * BYTES;
        int o = off + b * BLOCK;
        FloatVector d = FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, blk)));
        for (int j = 0; j < 16; j += l) {
          ByteVector packed = ByteVector.fromMemorySegment(B, w, blk + 2 + j, ByteOrder.LITTLE_ENDIAN);
          ((FloatVector) packed.and((byte) 0x0F).sub((byte) 8).castShape(F, 0)).mul(d).intoArray(out, o + j);
          ((FloatVector) packed.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).castShape(F, 0)).mul(d)
              .intoArray(out, o + 16 + j);
        }
      }
    }
  }
}
