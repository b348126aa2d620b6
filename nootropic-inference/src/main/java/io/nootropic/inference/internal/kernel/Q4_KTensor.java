package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// ggml `Q4_K`: super-blocks of 256 elements in 144 bytes,
/// `{ f16 d; f16 dmin; u8 scales[12]; u8 qs[128]; }`.
///
/// Eight sub-blocks of 32 each have a 6-bit scale `sc` and 6-bit min `m` packed in `scales`
/// (see [#scaleMin]); element value = `d * sc * q - dmin * m` with `q` a 4-bit quant. The 128 bytes
/// of `qs` hold four 64-element groups of 32 bytes: low nibbles are sub-block `2g`, high nibbles
/// sub-block `2g + 1`.
public final class Q4_KTensor extends KQuantWithMinsTensor {

  static final int BYTES = 144;

  /// Wraps `rows x cols` elements (`cols` a multiple of 256).
  public Q4_KTensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, BYTES);
  }

  @Override
  public String type() {
    return "Q4_K";
  }

  /// The 6-bit scale (`which = 0`) or min (`which = 1`) of sub-block `j` (0..7) from the 12 packed
  /// bytes at `scales`: sub-blocks 0-3 use the low 6 bits of bytes `j` / `j+4`; sub-blocks 4-7
  /// combine a nibble of byte `j+4` with the top 2 bits of byte `j-4` / `j`.
  static int scaleMin(MemorySegment data, long scales, int j, int which) {
    int bj = data.get(ValueLayout.JAVA_BYTE, scales + j) & 0xFF;
    int bj4 = data.get(ValueLayout.JAVA_BYTE, scales + j + 4) & 0xFF;
    if (j < 4) {
      return which == 0 ? bj & 63 : bj4 & 63;
    }
    int bjm4 = data.get(ValueLayout.JAVA_BYTE, scales + j - 4) & 0xFF;
    return which == 0 ? (bj4 & 0x0F) | ((bjm4 >>> 6) << 4) : (bj4 >>> 4) | ((bj >>> 6) << 4);
  }

  /// The eight 6-bit scales packed in twelve bytes (`lo`: bytes 0-7, `hi`: bytes 8-11, little
  /// endian), one per byte of the result (scale `j` in bits `8j..8j+5`): bytes 0-3 hold the low 6
  /// bits of scales 0-3; scales 4-7 join the low nibbles of bytes 8-11 with the top two bits of
  /// bytes 0-3 (see [#scaleMin]).
  static long scales(long lo, long hi) {
    return (lo & 0x3F3F3F3FL) | (((hi & 0x0F0F0F0FL) | ((lo >>> 2) & 0x30303030L)) << 32);
  }

  /// The eight 6-bit mins packed in the same twelve bytes, laid out as [#scales]: bytes 4-7 hold the
  /// low 6 bits of mins 0-3; mins 4-7 join the high nibbles of bytes 8-11 with the top two bits of
  /// bytes 4-7.
  static long mins(long lo, long hi) {
    return ((lo >>> 32) & 0x3F3F3F3FL) | ((((hi >>> 4) & 0x0F0F0F0FL) | ((lo >>> 34) & 0x30303030L)) << 32);
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
      long qs = blk + 16;
      int o = off + b * BLOCK;
      for (int g = 0; g < 4; g++) {            // 64 elements per group
        float d1 = d * scaleMin(data, scales, 2 * g, 0);
        float m1 = dmin * scaleMin(data, scales, 2 * g, 1);
        float d2 = d * scaleMin(data, scales, 2 * g + 1, 0);
        float m2 = dmin * scaleMin(data, scales, 2 * g + 1, 1);
        for (int l = 0; l < 32; l++) {
          int q = ubyte(qs + 32L * g + l);
          out[o + 64 * g + l] = d1 * (q & 0x0F) - m1;
          out[o + 64 * g + 32 + l] = d2 * (q >>> 4) - m2;
        }
      }
    }
  }

  @Override
  float fusedDot(int row, float[] x, int xOff, float[] scratch, int sOff) {
    long base = row * rowBytes;
    int blocks = cols / BLOCK;
    int scales = fusedScratch();
    return Simd.dot(data, base, blocks, x, xOff, scratch, scales, sOff);
  }

  @Override
  public void dequantizeRowVector(int row, float[] out, int off) {
    if (VectorizationProvider.BIT_SIZE != 512) {
      dequantizeRow(row, out, off);
      return;
    }
    Simd.dequantize(data, row * rowBytes, cols / BLOCK, out, off);
  }

  /// 512-bit kernels: 16 float lanes = 16 packed bytes of `qs`.
  static final class Simd {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    static final VectorMask<Float> MIN_LANES = VectorMask.fromLong(F, 0xFF00L);
    /// Bits of `2^23`, whose low mantissa bits then hold a small integer exactly.
    static final int MAGIC_BITS = 0x4B00_0000;
    static final FloatVector MAGIC = FloatVector.broadcast(F, 8_388_608f);

    private Simd() { }

    static void subBlockSums(float[] x, int xOff, int blocks, float[] out, int off) {
      for (int b = 0; b < blocks; b++) {
        for (int j = 0; j < 8; j++) {
          int xs = xOff + BLOCK * b + 32 * j;
          out[off + 16 * b + j] = 0;
          out[off + 16 * b + 8 + j] = FloatVector.fromArray(F, x, xs).add(FloatVector.fromArray(F, x, xs + 16))
              .reduceLanes(VectorOperators.ADD);
        }
      }
    }

    // sum over sub-blocks j of  d*sc[j] * sum(q*x) - dmin*m[j] * sum(x), the sums of x prepared at
    // s[sOff..]. Two passes over the row:
    // 1. The packed scales and mins are unpacked eight at a time in a long ([Q4_KTensor#scales],
    //    [Q4_KTensor#mins]); both become one vector of 16 floats, times d (scales) or dmin (mins);
    //    the mins term is done there, the scales go to s[off + 8 * block + j].
    // 2. One flat loop over the 64-element groups with a running byte offset.
    // This method's bytecode is over C2's FreqInlineSize (325 bytes), so it is compiled on its own
    // (KernelCompilationTest checks it). Inlined into a caller with more vector code (or with two
    // groups per iteration here), the compilation passes C2's node budget for inlining, some vector
    // operations stay calls on boxed vectors, and the kernel runs 3-4x slower. An inner loop over
    // the groups of a super-block was 1.2x slower.
    static float dot(MemorySegment w, long base, int blocks, float[] x, int xOff, float[] s, int off, int sOff) {
      FloatVector mins = FloatVector.zero(F);
      for (int b = 0; b < blocks; b++) {
        long blk = base + (long) b * BYTES;
        float d = Float.float16ToFloat(w.get(SHORT_LE, blk));
        float dmin = Float.float16ToFloat(w.get(SHORT_LE, blk + 2));
        long lo = w.get(LONG_LE, blk + 4);
        long hi = w.get(INT_LE, blk + 12) & 0xFFFF_FFFFL;
        // scales(lo, hi) and mins(lo, hi), written out: a smaller method would be inlined (see above)
        long sc = (lo & 0x3F3F3F3FL) | (((hi & 0x0F0F0F0FL) | ((lo >>> 2) & 0x30303030L)) << 32);
        long mn = ((lo >>> 32) & 0x3F3F3F3FL) | ((((hi >>> 4) & 0x0F0F0F0FL) | ((lo >>> 34) & 0x30303030L)) << 32);
        FloatVector sm = (FloatVector) LongVector.broadcast(LongVector.SPECIES_128, sc).withLane(1, mn)
            .reinterpretAsBytes().convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0)
            .convert(VectorOperators.I2F, 0);
        sm = sm.mul(FloatVector.broadcast(F, d).blend(FloatVector.broadcast(F, dmin), MIN_LANES));
        sm.intoArray(s, off + 8 * b);          // the mins half is overwritten by the next block
        mins = sm.fma(FloatVector.fromArray(F, s, sOff + 16 * b), mins);
      }
      FloatVector accQ0 = FloatVector.zero(F);
      FloatVector accQ1 = FloatVector.zero(F);
      int groups = blocks * 4;
      long q = base + 16;
      for (int g = 0; g < groups; g++) {          // 64 elements: 32 bytes, low then high nibbles
        int xg = xOff + 64 * g;
        int sc = off + 2 * g;
        IntVector p0 = widen(w, q);
        IntVector p1 = widen(w, q + 16);
        FloatVector lo = low(p1).fma(FloatVector.fromArray(F, x, xg + 16),
            low(p0).mul(FloatVector.fromArray(F, x, xg)));
        FloatVector hi = high(p1).fma(FloatVector.fromArray(F, x, xg + 48),
            high(p0).mul(FloatVector.fromArray(F, x, xg + 32)));
        accQ0 = lo.fma(FloatVector.broadcast(F, s[sc]), accQ0);
        accQ1 = hi.fma(FloatVector.broadcast(F, s[sc + 1]), accQ1);
        q += (g & 3) == 3 ? 48 : 32;              // the next super-block's qs follow 16 header bytes
      }
      return accQ0.add(accQ1).reduceLanes(VectorOperators.ADD) - mins.reduceLanes(VectorOperators.ADD);
    }

    /// The 16 bytes at `off`, zero-extended to 16 int lanes.
    private static IntVector widen(MemorySegment w, long off) {
      return (IntVector) ByteVector.fromMemorySegment(B, w, off, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
    }

    /// `v & 0xF` as exact floats: OR-ed into the mantissa of `2^23`, then `2^23` subtracted
    /// (cheaper than an int-to-float conversion).
    private static FloatVector low(IntVector v) {
      return v.and(0x0F).or(MAGIC_BITS).reinterpretAsFloats().sub(MAGIC);
    }

    /// `v >>> 4` as exact floats (`v` holds zero-extended bytes).
    private static FloatVector high(IntVector v) {
      return v.lanewise(VectorOperators.LSHR, 4).or(MAGIC_BITS).reinterpretAsFloats().sub(MAGIC);
    }

    // Per 32-element sub-block: the scale and min from the unpacked longs, then the 32 values in
    // two 16-lane halves. One flat loop with a small body, and no vector crosses a call (see dot).
    static void dequantize(MemorySegment w, long base, int blocks, float[] out, int off) {
      int subBlocks = blocks * 8;
      for (int k = 0; k < subBlocks; k++) {
        int j = k & 7;
        long blk = base + (long) (k >>> 3) * BYTES;
        long lo = w.get(LONG_LE, blk + 4);
        long hi = w.get(INT_LE, blk + 12) & 0xFFFF_FFFFL;
        float d = Float.float16ToFloat(w.get(SHORT_LE, blk)) * (int) ((scales(lo, hi) >>> (8 * j)) & 0xFF);
        float m = Float.float16ToFloat(w.get(SHORT_LE, blk + 2)) * (int) ((mins(lo, hi) >>> (8 * j)) & 0xFF);
        long q = blk + 16 + 32L * (j >>> 1);
        int shift = 4 * (j & 1);                  // even sub-blocks: low nibbles, odd: high
        int o = off + 32 * k;
        // d * q - m, rounded like the scalar code (multiply, then subtract)
        Lanes512.floats(widen(w, q).lanewise(VectorOperators.LSHR, shift).and(0x0F)).mul(d).sub(m).intoArray(out, o);
        Lanes512.floats(widen(w, q + 16).lanewise(VectorOperators.LSHR, shift).and(0x0F)).mul(d).sub(m)
            .intoArray(out, o + 16);
      }
    }
  }
}
