package io.nootropic.inference.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/// Vector API kernels against their scalar oracles, for every format, with awkward sizes and random
/// data from a logged seed.
///
/// Activations are not quantized, so scalar and vector results differ only by float summation
/// order. Both are compared with an exact (double) sum of the dequantized products, within
/// `1e-5 * sum(|w * x|) + 1e-6`, which is a few hundred float ulps of the magnitudes summed.
class KernelDifferentialTest {

  private static final long SEED = Long.getLong("nootropic.test.seed", System.nanoTime());

  private static double exact(float[] w, float[] x, int xOff, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (double) w[i] * x[xOff + i];
    }
    return s;
  }

  private static double magnitude(float[] w, float[] x, int xOff, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.abs((double) w[i] * x[xOff + i]);
    }
    return s;
  }

  @Test
  void dotAndMatvecMatchTheOracleForEveryFormat() {
    assumeThat(VectorizationProvider.ENABLED).as(VectorizationProvider.REASON).isTrue();
    Random rnd = new Random(SEED);
    for (int type : RandomTensors.TYPES) {
      int bs = RandomTensors.blockSize(type);
      int[] blockCounts = bs == 1 ? new int[] {1, 7, 13, 64, 207, 4098} : bs == 32 ? new int[] {1, 3, 13, 129} : new int[] {1, 3, 11};
      for (int blocks : blockCounts) {
        int cols = blocks * bs;
        int rows = 1 + rnd.nextInt(13);
        WeightTensor t = RandomTensors.create(type, rows, cols, rnd);
        float[] x = RandomTensors.gaussian(cols + 5, rnd);
        float[] scratch = new float[t.scratchSize()];
        float[] w = new float[cols];
        float[] outV = new float[rows + 2];
        t.matvec(x, 5, outV, 2, 0, rows, scratch);
        for (int r = 0; r < rows; r++) {
          t.dequantizeRow(r, w, 0);
          double want = exact(w, x, 5, cols);
          double tol = 1e-5 * magnitude(w, x, 5, cols) + 1e-6;
          String what = String.format("seed %d, %s, %dx%d, row %d", SEED, t.type(), rows, cols, r);
          float s = t.dotScalar(r, x, 5, scratch);
          float v = t.dotVector(r, x, 5, scratch);
          assertThat((double) s).as("scalar " + what).isCloseTo(want, org.assertj.core.data.Offset.offset(tol));
          assertThat((double) v).as("vector " + what).isCloseTo(want, org.assertj.core.data.Offset.offset(tol));
          // Not compared bit for bit with dot(): reduceLanes(ADD) sums the lanes in an order that
          // depends on whether C2 has compiled the kernel yet (CI once saw a 1-ulp difference).
          assertThat((double) outV[2 + r]).as("matvec " + what)
              .isCloseTo(want, org.assertj.core.data.Offset.offset(tol));
        }
      }
    }
  }

  @Test
  void matmulMatchesTheOracleForEveryFormatAndBatchSize() {
    assumeThat(VectorizationProvider.ENABLED).as(VectorizationProvider.REASON).isTrue();
    Random rnd = new Random(SEED + 1);
    int[] batches = {1, 3, 4, 7, 8, 13, 17, 33};
    for (int type : RandomTensors.TYPES) {
      int bs = RandomTensors.blockSize(type);
      int cols = bs == 1 ? 13 + 16 * rnd.nextInt(5) : bs * (1 + rnd.nextInt(3));
      int rows = 1 + rnd.nextInt(40);
      WeightTensor t = RandomTensors.create(type, rows, cols, rnd);
      float[] scratch = new float[t.scratchSize()];
      float[] w = new float[cols];
      for (int batch : batches) {
        float[] x = RandomTensors.gaussian(batch * cols, rnd);
        int stride = rows + 3;
        float[] outS = new float[batch * stride];
        float[] outV = new float[batch * stride];
        // split the rows in two ranges as the thread pool would
        int mid = rows / 2;
        t.matmulScalar(x, batch, outS, stride, 0, mid, scratch);
        t.matmulScalar(x, batch, outS, stride, mid, rows, scratch);
        t.matmulVector(x, batch, outV, stride, 0, mid, scratch);
        t.matmulVector(x, batch, outV, stride, mid, rows, scratch);
        for (int b = 0; b < batch; b++) {
          for (int r = 0; r < rows; r++) {
            t.dequantizeRow(r, w, 0);
            double want = exact(w, x, b * cols, cols);
            double tol = 1e-5 * magnitude(w, x, b * cols, cols) + 1e-6;
            String what = String.format("seed %d, %s, %dx%d, batch %d, token %d, row %d",
                SEED, t.type(), rows, cols, batch, b, r);
            assertThat((double) outS[b * stride + r]).as("scalar " + what)
                .isCloseTo(want, org.assertj.core.data.Offset.offset(tol));
            assertThat((double) outV[b * stride + r]).as("vector " + what)
                .isCloseTo(want, org.assertj.core.data.Offset.offset(tol));
          }
          for (int r = rows; r < stride; r++) {
            assertThat(outV[b * stride + r]).as("padding untouched").isZero();
          }
        }
      }
    }
  }

  @Test
  void vectorDequantizationIsBitExact() {
    assumeThat(VectorizationProvider.ENABLED).as(VectorizationProvider.REASON).isTrue();
    Random rnd = new Random(SEED + 3);
    for (int type : RandomTensors.TYPES) {
      int cols = RandomTensors.blockSize(type) == 1 ? 45 : RandomTensors.blockSize(type) * 3;
      WeightTensor t = RandomTensors.create(type, 5, cols, rnd);
      float[] s = new float[cols + 1];
      float[] v = new float[cols + 1];
      for (int r = 0; r < 5; r++) {
        t.dequantizeRow(r, s, 1);
        t.dequantizeRowVector(r, v, 1);
        assertThat(v).as("seed %d, %s row %d", SEED, t.type(), r).containsExactly(s);
      }
    }
  }

  @Test
  void floatDotHandlesEveryTailLength() {
    assumeThat(VectorizationProvider.ENABLED).as(VectorizationProvider.REASON).isTrue();
    Random rnd = new Random(SEED + 2);
    for (int n = 0; n < 70; n++) {
      float[] a = RandomTensors.gaussian(n + 1, rnd);
      float[] b = RandomTensors.gaussian(n + 2, rnd);
      double want = 0;
      double mag = 0;
      for (int i = 0; i < n; i++) {
        want += (double) a[1 + i] * b[2 + i];
        mag += Math.abs((double) a[1 + i] * b[2 + i]);
      }
      assertThat((double) FloatOps.dotVector(a, 1, b, 2, n)).as("seed %d, n %d", SEED, n)
          .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-5 * mag + 1e-6));
      assertThat((double) FloatOps.dotScalar(a, 1, b, 2, n)).as("seed %d, n %d", SEED, n)
          .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-5 * mag + 1e-6));
    }
  }
}
