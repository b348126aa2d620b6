package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/// ggml `Q8_0`: blocks of 32 elements in 34 bytes, `{ f16 d; int8 qs[32]; }`, value = `d * qs[i]`.
public final class Q8_0Tensor extends WeightTensor {

  static final int BLOCK = 32;
  static final int BYTES = 34;

  /// Wraps `rows x cols` elements (`cols` a multiple of 32).
  public Q8_0Tensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, BLOCK, BYTES);
  }

  @Override
  public String type() {
    return "Q8_0";
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    int blocks = cols / BLOCK;
    for (int b = 0; b < blocks; b++) {
      long blk = base + (long) b * BYTES;
      float d = half(blk);
      int o = off + b * BLOCK;
      for (int i = 0; i < BLOCK; i++) {
        out[o + i] = d * data.get(ValueLayout.JAVA_BYTE, blk + 2 + i);
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
    // as many byte lanes as float lanes: 16 bytes for 512-bit floats, 8 for 256-bit
    static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8));

    private Simd() { }

    // one row: blocks x (d, qs[32]) against x[xOff .. xOff + 32*blocks)
    static float dot(MemorySegment w, long base, int blocks, float[] x, int xOff) {
      int l = F.length();
      FloatVector acc = FloatVector.zero(F);
      for (int b = 0; b < blocks; b++) {
        long blk = base + (long) b * BYTES;
        int xb = xOff + b * BLOCK;
        FloatVector sum = FloatVector.zero(F);
        for (int j = 0; j < BLOCK; j += l) {
          FloatVector q = (FloatVector) ByteVector.fromMemorySegment(B, w, blk + 2 + j, ByteOrder.LITTLE_ENDIAN)
              .castShape(F, 0);
          sum = q.fma(FloatVector.fromArray(F, x, xb + j), sum);
        }
        float d = Float.float16ToFloat(w.get(SHORT_LE, blk));
        acc = sum.fma(FloatVector.broadcast(F, d), acc);
      }
      return acc.reduceLanes(VectorOperators.ADD);
    }

    static void dequantize(MemorySegment w, long base, int blocks, float[] out, int off) {
      int l = F.length();
      for (int b = 0; b < blocks; b++) {
        long blk = base + (long) b * BYTES;
        int o = off + b * BLOCK;
        FloatVector d = FloatVector.broadcast(F, Float.float16ToFloat(w.get(SHORT_LE, blk)));
        for (int j = 0; j < BLOCK; j += l) {
          ((FloatVector) ByteVector.fromMemorySegment(B, w, blk + 2 + j, ByteOrder.LITTLE_ENDIAN).castShape(F, 0))
              .mul(d).intoArray(out, o + j);
        }
      }
    }
  }
}
