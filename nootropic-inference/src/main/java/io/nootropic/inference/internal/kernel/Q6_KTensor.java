package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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
}
