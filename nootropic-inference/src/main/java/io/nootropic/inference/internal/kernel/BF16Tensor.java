package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;

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
}
