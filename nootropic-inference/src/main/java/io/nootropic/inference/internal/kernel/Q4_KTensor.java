package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/// ggml `Q4_K`: super-blocks of 256 elements in 144 bytes,
/// `{ f16 d; f16 dmin; u8 scales[12]; u8 qs[128]; }`.
///
/// Eight sub-blocks of 32 each have a 6-bit scale `sc` and 6-bit min `m` packed in `scales`
/// (see [#scaleMin]); element value = `d * sc * q - dmin * m` with `q` a 4-bit quant. The 128 bytes
/// of `qs` hold four 64-element groups of 32 bytes: low nibbles are sub-block `2g`, high nibbles
/// sub-block `2g + 1`.
public final class Q4_KTensor extends WeightTensor {

  static final int BLOCK = 256;
  static final int BYTES = 144;

  /// Wraps `rows x cols` elements (`cols` a multiple of 256).
  public Q4_KTensor(MemorySegment data, long rows, long cols) {
    super(data, rows, cols, BLOCK, BYTES);
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
}
