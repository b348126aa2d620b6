package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// ggml `Q5_K`: super-blocks of 256 elements in 176 bytes,
/// `{ f16 d; f16 dmin; u8 scales[12]; u8 qh[32]; u8 qs[128]; }`.
///
/// As [Q4_KTensor] (same packed 6-bit scales and mins, same nibble order) plus a fifth bit per
/// element: for 64-element group `g`, bit `2g` of `qh[l]` completes the low nibble of `qs[32g + l]`
/// and bit `2g + 1` the high nibble.
public final class Q5_KTensor extends KQuantWithMinsTensor {

  static final int BYTES = 176;

  /// Wraps `rows x cols` elements (`cols` a multiple of 256).
  public Q5_KTensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, BYTES);
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
      float dmin = half(blk + 2);
      long lo = data.get(LONG_LE, blk + 4);
      long hi = data.get(INT_LE, blk + 12) & 0xFFFF_FFFFL;
      long sc = Q4_KTensor.scales(lo, hi);
      long mn = Q4_KTensor.mins(lo, hi);
      for (int j = 0; j < 8; j++) {
        float dj = d * (int) ((sc >>> (8 * j)) & 0xFF);
        float mj = dmin * (int) ((mn >>> (8 * j)) & 0xFF);
        dequantizeSubBlock(data, blk + 48 + 32L * (j >>> 1), blk + 16, j, dj, mj, out, off + b * BLOCK + 32 * j);
      }
    }
  }

  /// Sub-block `j` (32 elements) of the super-block whose `qs` group is at `qs` and `qh` at `qh`:
  /// the low (even `j`) or high (odd `j`) nibbles of the 32 bytes, completed by bit `j` of the 32
  /// `qh` bytes, as `d * q - m` (rounded like the scalar code: multiply, then subtract). A method of
  /// its own so each compiled method holds little vector code (C2 inlines a bounded amount).
  private static void dequantizeSubBlock(MemorySegment w, long qs, long qh, int j, float d, float m, float[] out,
                                         int p) {
    int shift = 4 * (j & 1);
    for (int h = 0; h < 32; h += 16) {
      IntVector nibble = Lanes512.bytes(w, qs + h).lanewise(VectorOperators.LSHR, shift).and(0x0F);
      IntVector fifth = Lanes512.bytes(w, qh + h).lanewise(VectorOperators.LSHR, j).and(1).lanewise(VectorOperators.LSHL, 4);
      Lanes512.floats(nibble.or(fifth)).mul(d).sub(m).intoArray(out, p + h);
    }
  }

  @Override
  float fusedDot(int row, float[] x, int xOff, float[] scratch, int sOff) {
    long base = row * rowBytes;
    int blocks = cols / BLOCK;
    int scales = fusedScratch();
    return dot512(data, base, blocks, x, xOff, scratch, scales, sOff);
  }

  private static final int MAGIC_BITS = 0x4B00_0000;
  private static final FloatVector MAGIC = FloatVector.broadcast(Lanes512.F, 8_388_608f);

  private static final VectorMask<Float> MIN_LANES = VectorMask.fromLong(Lanes512.F, 0xFF00L);

  // sum over sub-blocks j of d*sc[j] * sum(q*x) - dmin*m[j] * sum(x), the sums of x prepared at
  // s[sOff..]. Pass 1 decodes the scales and mins as Q4_K's kernel does (same header) and leaves
  // d*sc[j] at s[off + 8 * block + j]. Pass 2 is one flat loop over half-groups: 16 bytes of qs
  // (16 low and 16 high nibbles) and the 16 qh bytes that complete them (bits 2g and 2g + 1 for
  // group g); a whole 64-element group per iteration would hold more vector code than C2 inlines
  // well. Kept over C2's inline size, so it compiles on its own (KernelCompilationTest).
  private static float dot512(MemorySegment w, long base, int blocks, float[] x, int xOff, float[] s, int off,
                              int sOff) {
    VectorSpecies<Float> f = Lanes512.F;
    FloatVector mins = FloatVector.zero(f);
    for (int b = 0; b < blocks; b++) {
      long blk = base + (long) b * BYTES;
      float d = Float.float16ToFloat(w.get(SHORT_LE, blk));
      float dmin = Float.float16ToFloat(w.get(SHORT_LE, blk + 2));
      long lo = w.get(LONG_LE, blk + 4);
      long hi = w.get(INT_LE, blk + 12) & 0xFFFF_FFFFL;
      FloatVector sm = (FloatVector) LongVector.broadcast(LongVector.SPECIES_128, Q4_KTensor.scales(lo, hi))
          .withLane(1, Q4_KTensor.mins(lo, hi)).reinterpretAsBytes()
          .convertShape(VectorOperators.ZERO_EXTEND_B2I, Lanes512.I, 0).convert(VectorOperators.I2F, 0);
      sm = sm.mul(FloatVector.broadcast(f, d).blend(FloatVector.broadcast(f, dmin), MIN_LANES));
      sm.intoArray(s, off + 8 * b);            // the mins half is overwritten by the next block
      mins = sm.fma(FloatVector.fromArray(f, s, sOff + 16 * b), mins);
    }
    FloatVector acc0 = FloatVector.zero(f);
    FloatVector acc1 = FloatVector.zero(f);
    int halves = blocks * 8;
    for (int k = 0; k < halves; k++) {
      int b = k >>> 3;
      int g = (k >>> 1) & 3;
      int h = 16 * (k & 1);
      long blk = base + (long) b * BYTES;
      IntVector q = Lanes512.bytes(w, blk + 48 + 32L * g + h);
      IntVector u = Lanes512.bytes(w, blk + 16 + h).lanewise(VectorOperators.LSHR, 2 * g);
      FloatVector lo = q.and(0x0F).or(u.and(1).lanewise(VectorOperators.LSHL, 4)).or(MAGIC_BITS)
          .reinterpretAsFloats().sub(MAGIC);
      FloatVector hi = q.lanewise(VectorOperators.LSHR, 4).or(u.and(2).lanewise(VectorOperators.LSHL, 3))
          .or(MAGIC_BITS).reinterpretAsFloats().sub(MAGIC);
      int xg = xOff + BLOCK * b + 64 * g + h;
      int sc = off + 8 * b + 2 * g;
      acc0 = lo.mul(FloatVector.fromArray(f, x, xg)).fma(FloatVector.broadcast(f, s[sc]), acc0);
      acc1 = hi.mul(FloatVector.fromArray(f, x, xg + 32)).fma(FloatVector.broadcast(f, s[sc + 1]), acc1);
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD) - mins.reduceLanes(VectorOperators.ADD);
  }
}
