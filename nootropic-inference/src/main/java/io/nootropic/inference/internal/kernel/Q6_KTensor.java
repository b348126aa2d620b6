package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
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
    return Simd.dot(data, row * rowBytes, cols / BLOCK, x, xOff);
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

    static float dot(MemorySegment w, long base, int blocks, float[] x, int xOff) {
      FloatVector acc1 = FloatVector.zero(F);
      FloatVector acc2 = FloatVector.zero(F);
      FloatVector acc3 = FloatVector.zero(F);
      FloatVector acc4 = FloatVector.zero(F);
      for (int b = 0; b < blocks; b++) {
        long blk = base + (long) b * BYTES;
        float d = Float.float16ToFloat(w.get(SHORT_LE, blk + 208));
        for (int n = 0; n < 2; n++) {
          long ql = blk + 64L * n;
          long qh = blk + 128 + 32L * n;
          long sc = blk + 192 + 8L * n;
          int xh = xOff + b * BLOCK + 128 * n;
          for (int l = 0; l < 32; l += 16) {
            int is = l / 16;
            ByteVector lo = ByteVector.fromMemorySegment(B, w, ql + l, ByteOrder.LITTLE_ENDIAN);
            ByteVector lo32 = ByteVector.fromMemorySegment(B, w, ql + l + 32, ByteOrder.LITTLE_ENDIAN);
            ByteVector h = ByteVector.fromMemorySegment(B, w, qh + l, ByteOrder.LITTLE_ENDIAN);
            FloatVector s1 = ((FloatVector) q1(lo, h).castShape(F, 0)).mul(FloatVector.fromArray(F, x, xh + l));
            FloatVector s2 = ((FloatVector) q2(lo32, h).castShape(F, 0)).mul(FloatVector.fromArray(F, x, xh + l + 32));
            FloatVector s3 = ((FloatVector) q3(lo, h).castShape(F, 0)).mul(FloatVector.fromArray(F, x, xh + l + 64));
            FloatVector s4 = ((FloatVector) q4(lo32, h).castShape(F, 0)).mul(FloatVector.fromArray(F, x, xh + l + 96));
            acc1 = s1.fma(FloatVector.broadcast(F, d * w.get(ValueLayout.JAVA_BYTE, sc + is)), acc1);
            acc2 = s2.fma(FloatVector.broadcast(F, d * w.get(ValueLayout.JAVA_BYTE, sc + is + 2)), acc2);
            acc3 = s3.fma(FloatVector.broadcast(F, d * w.get(ValueLayout.JAVA_BYTE, sc + is + 4)), acc3);
            acc4 = s4.fma(FloatVector.broadcast(F, d * w.get(ValueLayout.JAVA_BYTE, sc + is + 6)), acc4);
          }
        }
      }
      return acc1.add(acc2).add(acc3.add(acc4)).reduceLanes(VectorOperators.ADD);
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
