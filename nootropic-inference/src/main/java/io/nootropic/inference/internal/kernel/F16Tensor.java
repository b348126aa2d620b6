package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;

/// ggml `F16`: little-endian IEEE binary16, 2 bytes per element.
public final class F16Tensor extends WeightTensor {

  /// Wraps `rows x cols` halves.
  public F16Tensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, 1, 2);
  }

  @Override
  public String type() {
    return "F16";
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    for (int i = 0; i < cols; i++) {
      out[off + i] = Float.float16ToFloat(data.get(SHORT_LE, base + 2L * i));
    }
  }
}
