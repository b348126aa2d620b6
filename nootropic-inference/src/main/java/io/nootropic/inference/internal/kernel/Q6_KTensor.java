package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// ggml `Q6_K`: super-blocks of 256 elements in 210 bytes,
/// `{ u8 ql[128]; u8 qh[64]; i8 scales[16]; f16 d; }`.
///
/// Each half (128 elements) uses 64 bytes of `ql`, 32 of `qh` and 8 scales. Within a half, for
/// `l < 32`: element `l` = low nibble of `ql[l]` + bits 0-1 of `qh[l]`, `l + 32` = low nibble of
/// `ql[l + 32]` + bits 2-3, `l + 64` = high nibble of `ql[l]` + bits 4-5, `l + 96` = high nibble of
/// `ql[l + 32]` + bits 6-7; each 6-bit value minus 32, times `d * scales[16-element group]`.
public final class Q6_KTensor extends WeightTensor {

  static final int BLOCK = 256;
  static final int BYTES = 210;

  /// Wraps `rows x cols` elements (`cols` a multiple of 256).
  public Q6_KTensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, BLOCK, BYTES);
  }

  @Override
  public String type() {
    return "Q6_K";
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    int blocks = cols / BLOCK;
    for (int b = 0; b < blocks; b++) {
      long blk = base + (long) b * BYTES;
      float d = half(blk + 208);
      int o = off + b * BLOCK;
      for (int n = 0; n < 2; n++) {             // two halves of 128
        long ql = blk + 64L * n;
        long qh = blk + 128 + 32L * n;
        long sc = blk + 192 + 8L * n;
        int oh = o + 128 * n;
        for (int l = 0; l < 32; l++) {
          int is = l / 16;
          int lo = ubyte(ql + l);
          int lo32 = ubyte(ql + l + 32);
          int h = ubyte(qh + l);
          int q1 = ((lo & 0x0F) | ((h & 3) << 4)) - 32;
          int q2 = ((lo32 & 0x0F) | (((h >>> 2) & 3) << 4)) - 32;
          int q3 = ((lo >>> 4) | (((h >>> 4) & 3) << 4)) - 32;
          int q4 = ((lo32 >>> 4) | (((h >>> 6) & 3) << 4)) - 32;
          out[oh + l] = d * data.get(ValueLayout.JAVA_BYTE, sc + is) * q1;
          out[oh + l + 32] = d * data.get(ValueLayout.JAVA_BYTE, sc + is + 2) * q2;
          out[oh + l + 64] = d * data.get(ValueLayout.JAVA_BYTE, sc + is + 4) * q3;
          out[oh + l + 96] = d * data.get(ValueLayout.JAVA_BYTE, sc + is + 6) * q4;
        }
      }
    }
  }

  @Override
  public float dotVector(int row, float[] x, int xOff, float[] scratch) {
    if (VectorizationProvider.BIT_SIZE != 512) {
      return super.dotVector(row, x, xOff, scratch);
    }
    long base = row * rowBytes;
    int blocks = cols / BLOCK;
    int scales = fusedScratch();
    decodeScales(base, blocks, scratch, scales);
    return Simd.dot(data, base, blocks, x, xOff, scratch, scales);
  }

  /// First pass of a fused dot over one row: `d * scales[i]` of every 16-element group to
  /// `out[off + 16 * b + i]`, so the kernel broadcasts each from memory.
  private void decodeScales(long base, int blocks, float[] out, int off) {
    for (int b = 0; b < blocks; b++) {
      long blk = base + (long) b * BYTES;
      ((FloatVector) ByteVector.fromMemorySegment(Simd.B, data, blk + 192, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, Simd.F, 0)).mul(half(blk + 208)).intoArray(out, off + 16 * b);
    }
  }

  @Override
  public void dequantizeRowVector(int row, float[] out, int off) {
    if (VectorizationProvider.BIT_SIZE != 512) {
      dequantizeRow(row, out, off);
      return;
    }
    Simd.dequantize(data, row * rowBytes, cols / BLOCK, out, off);
  }

  /// 512-bit kernels: 16 elements (one scale group) per vector.
  static final class Simd {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;

    private Simd() { }

    // the four 16-element groups that share bytes ql[l..l+16), ql[l+32..), qh[l..l+16)
    private static ByteVector q1(ByteVector lo, ByteVector h) {
      return lo.and((byte) 0x0F).or(h.and((byte) 3).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
    }

    private static ByteVector q2(ByteVector lo32, ByteVector h) {
      return lo32.and((byte) 0x0F).or(h.lanewise(VectorOperators.LSHR, 2).and((byte) 3)
          .lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
    }

    private static ByteVector q3(ByteVector lo, ByteVector h) {
      return lo.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 4).and((byte) 3)
          .lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
    }

    private static ByteVector q4(ByteVector lo32, ByteVector h) {
      return lo32.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 6)
          .lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
    }

    static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    /// Bits of `2^23`: OR-ing a 6-bit value into its mantissa gives `2^23 + q` exactly.
    static final int MAGIC_BITS = 0x4B00_0000;
    /// `2^23 + 32`: subtracting it leaves `q - 32`.
    static final FloatVector MAGIC_PLUS_32 = FloatVector.broadcast(F, 8_388_640f);

    // One flat loop over the 64-element quads that share 16 bytes of ql, ql+32 and qh (four 16-element
    // groups, one per accumulator); the scales d * sc come decoded at s[off + 16 * block + i]. The
    // bytes are widened once to int lanes and each 6-bit value assembled there, as an exact float.
    static float dot(MemorySegment w, long base, int blocks, float[] x, int xOff, float[] s, int off) {
      FloatVector acc1 = FloatVector.zero(F);
      FloatVector acc2 = FloatVector.zero(F);
      FloatVector acc3 = FloatVector.zero(F);
      FloatVector acc4 = FloatVector.zero(F);
      int quads = blocks * 4;
      for (int k = 0; k < quads; k++) {
        int b = k >>> 2;
        int n = (k >>> 1) & 1;                     // half of the super-block
        int l = 16 * (k & 1);                      // first of the 16 l's of this quad
        long ql = base + (long) b * BYTES + 64L * n + l;
        long qh = base + (long) b * BYTES + 128 + 32L * n + l;
        int xq = xOff + BLOCK * b + 128 * n + l;
        int sc = off + 16 * b + 8 * n + (k & 1);
        IntVector lo = widen(w, ql);
        IntVector lo32 = widen(w, ql + 32);
        IntVector h = widen(w, qh);
        FloatVector q1 = six(lo.and(0x0F), h.lanewise(VectorOperators.LSHL, 4));
        FloatVector q2 = six(lo32.and(0x0F), h.lanewise(VectorOperators.LSHL, 2));
        FloatVector q3 = six(lo.lanewise(VectorOperators.LSHR, 4), h);
        FloatVector q4 = six(lo32.lanewise(VectorOperators.LSHR, 4), h.lanewise(VectorOperators.LSHR, 2));
        acc1 = q1.mul(FloatVector.fromArray(F, x, xq)).fma(FloatVector.broadcast(F, s[sc]), acc1);
        acc2 = q2.mul(FloatVector.fromArray(F, x, xq + 32)).fma(FloatVector.broadcast(F, s[sc + 2]), acc2);
        acc3 = q3.mul(FloatVector.fromArray(F, x, xq + 64)).fma(FloatVector.broadcast(F, s[sc + 4]), acc3);
        acc4 = q4.mul(FloatVector.fromArray(F, x, xq + 96)).fma(FloatVector.broadcast(F, s[sc + 6]), acc4);
      }
      return acc1.add(acc2).add(acc3.add(acc4)).reduceLanes(VectorOperators.ADD);
    }

    /// `(nibble | (high & 0x30)) - 32` as an exact float; `nibble` holds 4 bits, `high` the two
    /// upper bits at bits 4-5.
    private static FloatVector six(IntVector nibble, IntVector high) {
      return nibble.or(high.and(0x30)).or(MAGIC_BITS).reinterpretAsFloats().sub(MAGIC_PLUS_32);
    }

    /// The 16 bytes at `off`, zero-extended to 16 int lanes.
    private static IntVector widen(MemorySegment w, long off) {
      return (IntVector) ByteVector.fromMemorySegment(B, w, off, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
    }

    static void dequantize(MemorySegment w, long base, int blocks, float[] out, int off) {
      for (int b = 0; b < blocks; b++) {
        long blk = base + (long) b * BYTES;
        float d = Float.float16ToFloat(w.get(SHORT_LE, blk + 208));
        for (int n = 0; n < 2; n++) {
          long ql = blk + 64L * n;
          long qh = blk + 128 + 32L * n;
          long sc = blk + 192 + 8L * n;
          int oh = off + b * BLOCK + 128 * n;
          for (int l = 0; l < 32; l += 16) {
            int is = l / 16;
            ByteVector lo = ByteVector.fromMemorySegment(B, w, ql + l, ByteOrder.LITTLE_ENDIAN);
            ByteVector lo32 = ByteVector.fromMemorySegment(B, w, ql + l + 32, ByteOrder.LITTLE_ENDIAN);
            ByteVector h = ByteVector.fromMemorySegment(B, w, qh + l, ByteOrder.LITTLE_ENDIAN);
            // (d * scale) * q, the scalar code's rounding order
            ((FloatVector) q1(lo, h).castShape(F, 0)).mul(d * w.get(ValueLayout.JAVA_BYTE, sc + is))
                .intoArray(out, oh + l);
            ((FloatVector) q2(lo32, h).castShape(F, 0)).mul(d * w.get(ValueLayout.JAVA_BYTE, sc + is + 2))
                .intoArray(out, oh + l + 32);
            ((FloatVector) q3(lo, h).castShape(F, 0)).mul(d * w.get(ValueLayout.JAVA_BYTE, sc + is + 4))
                .intoArray(out, oh + l + 64);
            ((FloatVector) q4(lo32, h).castShape(F, 0)).mul(d * w.get(ValueLayout.JAVA_BYTE, sc + is + 6))
                .intoArray(out, oh + l + 96);
          }
        }
      }
    }
  }
}
