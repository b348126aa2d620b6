package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.VectorOperators;

/// ggml `BF16`: the upper 16 bits of an IEEE binary32, 2 bytes per element.
public final class BF16Tensor extends WeightTensor {

  /// Wraps `rows x cols` bfloat16 values.
  public BF16Tensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, 1, 2);
  }

  @Override
  public String type() {
    return "BF16";
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    for (int i = 0; i < cols; i++) {
      out[off + i] = Float.intBitsToFloat((data.get(SHORT_LE, base + 2L * i) & 0xFFFF) << 16);
    }
  }

  @Override
  public void dequantizeRowVector(int row, float[] out, int off) {
    int n = VectorizationProvider.BIT_SIZE == 512 ? cols & ~15 : 0;
    long base = row * rowBytes;
    for (int i = 0; i < n; i += 16) {
      Lanes512.shorts(data, base + 2L * i).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats()
          .intoArray(out, off + i);
    }
    for (int i = n; i < cols; i++) {
      out[off + i] = Float.intBitsToFloat((data.get(SHORT_LE, base + 2L * i) & 0xFFFF) << 16);
    }
  }
}
