package io.nootropic.inference.internal.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/// Kernels over plain `float[]` activations: dot products and the 4x4 register-tiled
/// matrix-matrix product used for prompt batches. Each has a scalar version (the oracle) beside the
/// Vector API one.
public final class FloatOps {

  private FloatOps() { }

  /// `sum(a[aOff+i] * b[bOff+i])` for `i < n`, vectorised when enabled.
  public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    return VectorizationProvider.ENABLED ? Simd.dot(a, aOff, b, bOff, n) : dotScalar(a, aOff, b, bOff, n);
  }

  /// Sequential float dot product (the oracle).
  public static float dotScalar(float[] a, int aOff, float[] b, int bOff, int n) {
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += a[aOff + i] * b[bOff + i];
    }
    return sum;
  }

  /// Vector API dot product; only call when [VectorizationProvider#ENABLED].
  public static float dotVector(float[] a, int aOff, float[] b, int bOff, int n) {
    return Simd.dot(a, aOff, b, bOff, n);
  }

  /// Tiled product of `nr` (1..4) dequantized weight rows with tokens `[b0, b1)` of a batch.
  ///
  /// `w[wOff..]` holds the rows back to back (`nr x cols`), `x` the batch (`batch x cols`,
  /// token-major); writes `out[b * outStride + rowBase + r] = dot(w[r], x[b])`.
  static void gemmRows(float[] w, int wOff, int nr, int cols, float[] x, int b0, int b1,
                       float[] out, int outStride, int rowBase) {
    int b = b0;
    if (nr == 4) {
      for (; b + 4 <= b1; b += 4) {
        Simd.tile4x4(w, wOff, cols, x, b, out, outStride, rowBase);
      }
    }
    for (; b < b1; b++) {
      for (int r = 0; r < nr; r++) {
        out[b * outStride + rowBase + r] = Simd.dot(w, wOff + r * cols, x, b * cols, cols);
      }
    }
  }

  /// `y[yOff+i] += a * x[xOff+i]` for `i < n`, vectorised when enabled.
  public static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
    if (VectorizationProvider.ENABLED) {
      Simd.axpy(a, x, xOff, y, yOff, n);
    } else {
      for (int i = 0; i < n; i++) {
        y[yOff + i] += a * x[xOff + i];
      }
    }
  }

  /// The Vector API half; initialised only when the kernels are vectorised.
  static final class Simd {
    static final VectorSpecies<Float> F =
        VectorSpecies.of(float.class, VectorShape.forBitSize(VectorizationProvider.BIT_SIZE));

    private Simd() { }

    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
      int l = F.length();
      int upper = F.loopBound(n);
      FloatVector acc0 = FloatVector.zero(F);
      FloatVector acc1 = FloatVector.zero(F);
      int i = 0;
      for (; i + 2 * l <= upper; i += 2 * l) {
        acc0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc0);
        acc1 = FloatVector.fromArray(F, a, aOff + i + l).fma(FloatVector.fromArray(F, b, bOff + i + l), acc1);
      }
      for (; i < upper; i += l) {
        acc0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc0);
      }
      float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
      for (; i < n; i++) {
        sum += a[aOff + i] * b[bOff + i];
      }
      return sum;
    }

    // 4 weight rows x 4 tokens, 16 accumulators: each loaded vector is used 4 times.
    static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
      int l = F.length();
      int upper = F.loopBound(n);
      FloatVector av = FloatVector.broadcast(F, a);
      int i = 0;
      for (; i < upper; i += l) {
        FloatVector.fromArray(F, x, xOff + i).fma(av, FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
      }
      for (; i < n; i++) {
        y[yOff + i] += a * x[xOff + i];
      }
    }

    static void tile4x4(float[] w, int wOff, int cols, float[] x, int b, float[] out, int outStride, int rowBase) {
      int l = F.length();
      int upper = F.loopBound(cols);
      int w0 = wOff;
      int w1 = w0 + cols;
      int w2 = w1 + cols;
      int w3 = w2 + cols;
      int x0 = b * cols;
      int x1 = x0 + cols;
      int x2 = x1 + cols;
      int x3 = x2 + cols;
      FloatVector c00 = FloatVector.zero(F);
      FloatVector c01 = c00;
      FloatVector c02 = c00;
      FloatVector c03 = c00;
      FloatVector c10 = c00;
      FloatVector c11 = c00;
      FloatVector c12 = c00;
      FloatVector c13 = c00;
      FloatVector c20 = c00;
      FloatVector c21 = c00;
      FloatVector c22 = c00;
      FloatVector c23 = c00;
      FloatVector c30 = c00;
      FloatVector c31 = c00;
      FloatVector c32 = c00;
      FloatVector c33 = c00;
      for (int i = 0; i < upper; i += l) {
        FloatVector r0 = FloatVector.fromArray(F, w, w0 + i);
        FloatVector r1 = FloatVector.fromArray(F, w, w1 + i);
        FloatVector r2 = FloatVector.fromArray(F, w, w2 + i);
        FloatVector r3 = FloatVector.fromArray(F, w, w3 + i);
        FloatVector v = FloatVector.fromArray(F, x, x0 + i);
        c00 = r0.fma(v, c00);
        c10 = r1.fma(v, c10);
        c20 = r2.fma(v, c20);
        c30 = r3.fma(v, c30);
        v = FloatVector.fromArray(F, x, x1 + i);
        c01 = r0.fma(v, c01);
        c11 = r1.fma(v, c11);
        c21 = r2.fma(v, c21);
        c31 = r3.fma(v, c31);
        v = FloatVector.fromArray(F, x, x2 + i);
        c02 = r0.fma(v, c02);
        c12 = r1.fma(v, c12);
        c22 = r2.fma(v, c22);
        c32 = r3.fma(v, c32);
        v = FloatVector.fromArray(F, x, x3 + i);
        c03 = r0.fma(v, c03);
        c13 = r1.fma(v, c13);
        c23 = r2.fma(v, c23);
        c33 = r3.fma(v, c33);
      }
      int o0 = b * outStride + rowBase;
      int o1 = o0 + outStride;
      int o2 = o1 + outStride;
      int o3 = o2 + outStride;
      out[o0] = c00.reduceLanes(VectorOperators.ADD) + tail(w, w0, x, x0, upper, cols);
      out[o0 + 1] = c10.reduceLanes(VectorOperators.ADD) + tail(w, w1, x, x0, upper, cols);
      out[o0 + 2] = c20.reduceLanes(VectorOperators.ADD) + tail(w, w2, x, x0, upper, cols);
      out[o0 + 3] = c30.reduceLanes(VectorOperators.ADD) + tail(w, w3, x, x0, upper, cols);
      out[o1] = c01.reduceLanes(VectorOperators.ADD) + tail(w, w0, x, x1, upper, cols);
      out[o1 + 1] = c11.reduceLanes(VectorOperators.ADD) + tail(w, w1, x, x1, upper, cols);
      out[o1 + 2] = c21.reduceLanes(VectorOperators.ADD) + tail(w, w2, x, x1, upper, cols);
      out[o1 + 3] = c31.reduceLanes(VectorOperators.ADD) + tail(w, w3, x, x1, upper, cols);
      out[o2] = c02.reduceLanes(VectorOperators.ADD) + tail(w, w0, x, x2, upper, cols);
      out[o2 + 1] = c12.reduceLanes(VectorOperators.ADD) + tail(w, w1, x, x2, upper, cols);
      out[o2 + 2] = c22.reduceLanes(VectorOperators.ADD) + tail(w, w2, x, x2, upper, cols);
      out[o2 + 3] = c32.reduceLanes(VectorOperators.ADD) + tail(w, w3, x, x2, upper, cols);
      out[o3] = c03.reduceLanes(VectorOperators.ADD) + tail(w, w0, x, x3, upper, cols);
      out[o3 + 1] = c13.reduceLanes(VectorOperators.ADD) + tail(w, w1, x, x3, upper, cols);
      out[o3 + 2] = c23.reduceLanes(VectorOperators.ADD) + tail(w, w2, x, x3, upper, cols);
      out[o3 + 3] = c33.reduceLanes(VectorOperators.ADD) + tail(w, w3, x, x3, upper, cols);
    }

    private static float tail(float[] w, int wOff, float[] x, int xOff, int from, int to) {
      float s = 0f;
      for (int i = from; i < to; i++) {
        s += w[wOff + i] * x[xOff + i];
      }
      return s;
    }
  }
}
