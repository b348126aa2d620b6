package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/// ggml `F32`: little-endian IEEE binary32, 4 bytes per element.
public final class F32Tensor extends WeightTensor {

  /// Wraps `rows x cols` floats.
  public F32Tensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, 1, 4);
  }

  @Override
  public String type() {
    return "F32";
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    MemorySegment.copy(data, FLOAT_LE, row * rowBytes, out, off, cols);
  }

  @Override
  public float dotVector(int row, float[] x, int xOff, float[] scratch) {
    return Simd.dot(data, row * rowBytes, x, xOff, cols);
  }

  static final class Simd {
    static final VectorSpecies<Float> F =
        VectorSpecies.of(float.class, VectorShape.forBitSize(VectorizationProvider.BIT_SIZE));

    private Simd() { }

    // sum_i w[i] * x[xOff + i], w read in place from the segment at byte offset `base`
    static float dot(MemorySegment w, long base, float[] x, int xOff, int n) {
      int l = F.length();
      int upper = F.loopBound(n);
      FloatVector acc0 = FloatVector.zero(F);
      FloatVector acc1 = FloatVector.zero(F);
      int i = 0;
      for (; i + 2 * l <= upper; i += 2 * l) {
        acc0 = FloatVector.fromMemorySegment(F, w, base + 4L * i, ByteOrder.LITTLE_ENDIAN)
            .fma(FloatVector.fromArray(F, x, xOff + i), acc0);
        acc1 = FloatVector.fromMemorySegment(F, w, base + 4L * (i + l), ByteOrder.LITTLE_ENDIAN)
            .fma(FloatVector.fromArray(F, x, xOff + i + l), acc1);
      }
      for (; i < upper; i += l) {
        acc0 = FloatVector.fromMemorySegment(F, w, base + 4L * i, ByteOrder.LITTLE_ENDIAN)
            .fma(FloatVector.fromArray(F, x, xOff + i), acc0);
      }
      float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
      for (; i < n; i++) {
        sum += w.get(FLOAT_LE, base + 4L * i) * x[xOff + i];
      }
      return sum;
    }
  }
}
