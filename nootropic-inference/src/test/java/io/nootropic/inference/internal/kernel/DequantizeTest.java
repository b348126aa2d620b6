package io.nootropic.inference.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/// Hand-built blocks of every format with known scales and quants; each dequantized value is
/// checked against the value the ggml layout defines (all test values are exact in float).
class DequantizeTest {

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static short half(float f) {
    short h = Float.floatToFloat16(f);
    assertThat(Float.float16ToFloat(h)).isEqualTo(f);   // test values must be exact halves
    return h;
  }

  private static float[] row(WeightTensor t, int row) {
    float[] out = new float[t.cols + 3];
    t.dequantizeRow(row, out, 3);
    float[] r = new float[t.cols];
    System.arraycopy(out, 3, r, 0, t.cols);
    return r;
  }

  @Test
  void f32_f16_bf16() {
    ByteBuffer f32 = le(16).putFloat(1.5f).putFloat(-2.25f).putFloat(3e-7f).putFloat(-0f);
    assertThat(row(new F32Tensor(MemorySegment.ofArray(f32.array()), 1, 4), 0))
        .containsExactly(1.5f, -2.25f, 3e-7f, -0f);
    ByteBuffer f16 = le(8).putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x3555).putShort((short) 0x0001);
    assertThat(row(new F16Tensor(MemorySegment.ofArray(f16.array()), 2, 2), 0)).containsExactly(1f, -2f);
    assertThat(row(new F16Tensor(MemorySegment.ofArray(f16.array()), 2, 2), 1))
        .containsExactly(0.333251953125f, 5.9604644775390625e-8f);   // 0x3555 and the smallest subnormal
    ByteBuffer bf = le(6).putShort((short) 0x3F80).putShort((short) 0xC0A0).putShort((short) 0x7F80);
    assertThat(row(new BF16Tensor(MemorySegment.ofArray(bf.array()), 1, 3), 0))
        .containsExactly(1f, -5f, Float.POSITIVE_INFINITY);
  }

  @Test
  void q8_0() {
    // two rows of one block: d = 0.5 then d = -0.25; qs[i] = i - 16 and qs[i] = 127 - 8i
    ByteBuffer b = le(68);
    b.putShort(half(0.5f));
    for (int i = 0; i < 32; i++) {
      b.put((byte) (i - 16));
    }
    b.putShort(half(-0.25f));
    for (int i = 0; i < 32; i++) {
      b.put((byte) (127 - 8 * i));
    }
    WeightTensor t = new Q8_0Tensor(MemorySegment.ofArray(b.array()), 2, 32);
    float[] r0 = row(t, 0);
    float[] r1 = row(t, 1);
    for (int i = 0; i < 32; i++) {
      assertThat(r0[i]).as("row0[%d]", i).isEqualTo(0.5f * (i - 16));
      assertThat(r1[i]).as("row1[%d]", i).isEqualTo(-0.25f * (byte) (127 - 8 * i));
    }
  }

  @Test
  void q4_0() {
    // d = 2, byte j holds low nibble j (element j) and high nibble 15 - j (element j + 16)
    ByteBuffer b = le(36);
    for (int blk = 0; blk < 2; blk++) {
      b.putShort(half(blk == 0 ? 2f : -0.125f));
      for (int j = 0; j < 16; j++) {
        b.put((byte) (j | ((15 - j) << 4)));
      }
    }
    float[] r = row(new Q4_0Tensor(MemorySegment.ofArray(b.array()), 1, 64), 0);
    for (int j = 0; j < 16; j++) {
      assertThat(r[j]).isEqualTo(2f * (j - 8));
      assertThat(r[j + 16]).isEqualTo(2f * (15 - j - 8));
      assertThat(r[32 + j]).isEqualTo(-0.125f * (j - 8));
      assertThat(r[32 + j + 16]).isEqualTo(-0.125f * (7 - j));
    }
  }

  @Test
  void q4_1() {
    ByteBuffer b = le(20).putShort(half(0.5f)).putShort(half(-3f));
    for (int j = 0; j < 16; j++) {
      b.put((byte) ((15 - j) | (j << 4)));
    }
    float[] r = row(new Q4_1Tensor(MemorySegment.ofArray(b.array()), 1, 32), 0);
    for (int j = 0; j < 16; j++) {
      assertThat(r[j]).isEqualTo(0.5f * (15 - j) - 3f);
      assertThat(r[j + 16]).isEqualTo(0.5f * j - 3f);
    }
  }

  @Test
  void q5_0_and_q5_1() {
    int qh = 0xA5C3_0F81;   // fifth bits, bit i for element i
    ByteBuffer b = le(22).putShort(half(0.25f)).putInt(qh);
    for (int j = 0; j < 16; j++) {
      b.put((byte) (j | ((j * 7 % 16) << 4)));
    }
    float[] r = row(new Q5_0Tensor(MemorySegment.ofArray(b.array()), 1, 32), 0);
    for (int j = 0; j < 16; j++) {
      int q0 = j + 16 * ((qh >>> j) & 1);
      int q1 = (j * 7 % 16) + 16 * ((qh >>> (j + 16)) & 1);
      assertThat(r[j]).as("element %d", j).isEqualTo(0.25f * (q0 - 16));
      assertThat(r[j + 16]).as("element %d", j + 16).isEqualTo(0.25f * (q1 - 16));
    }
    ByteBuffer c = le(24).putShort(half(2f)).putShort(half(-40f)).putInt(qh);
    for (int j = 0; j < 16; j++) {
      c.put((byte) (j | ((j * 7 % 16) << 4)));
    }
    float[] s = row(new Q5_1Tensor(MemorySegment.ofArray(c.array()), 1, 32), 0);
    for (int j = 0; j < 16; j++) {
      int q0 = j + 16 * ((qh >>> j) & 1);
      int q1 = (j * 7 % 16) + 16 * ((qh >>> (j + 16)) & 1);
      assertThat(s[j]).as("element %d", j).isEqualTo(2f * q0 - 40f);
      assertThat(s[j + 16]).as("element %d", j + 16).isEqualTo(2f * q1 - 40f);
    }
  }

  /// Packs eight 6-bit scales and mins the way ggml's K-quants store them in 12 bytes.
  static byte[] packScalesMins(int[] sc, int[] m) {
    byte[] p = new byte[12];
    for (int j = 0; j < 4; j++) {
      p[j] = (byte) ((sc[j] & 63) | ((sc[j + 4] >> 4) << 6));
      p[j + 4] = (byte) ((m[j] & 63) | ((m[j + 4] >> 4) << 6));
      p[j + 8] = (byte) ((sc[j + 4] & 15) | ((m[j + 4] & 15) << 4));
    }
    return p;
  }

  private static final int[] SC = {1, 63, 17, 32, 48, 5, 60, 33};
  private static final int[] MN = {62, 0, 9, 31, 16, 47, 2, 63};

  @Test
  void q4_k() {
    float d = 0.5f;
    float dmin = 0.25f;
    ByteBuffer b = le(144).putShort(half(d)).putShort(half(dmin)).put(packScalesMins(SC, MN));
    for (int i = 0; i < 128; i++) {
      b.put((byte) ((i % 16) | (((i * 5 + 3) % 16) << 4)));
    }
    float[] r = row(new Q4_KTensor(MemorySegment.ofArray(b.array()), 1, 256), 0);
    for (int g = 0; g < 4; g++) {
      for (int l = 0; l < 32; l++) {
        int i = 32 * g + l;
        int lo = i % 16;
        int hi = (i * 5 + 3) % 16;
        assertThat(r[64 * g + l]).as("element %d", 64 * g + l)
            .isEqualTo(d * SC[2 * g] * lo - dmin * MN[2 * g]);
        assertThat(r[64 * g + 32 + l]).as("element %d", 64 * g + 32 + l)
            .isEqualTo(d * SC[2 * g + 1] * hi - dmin * MN[2 * g + 1]);
      }
    }
  }

  @Test
  void q5_k() {
    float d = 0.125f;
    float dmin = 2f;
    ByteBuffer b = le(176).putShort(half(d)).putShort(half(dmin)).put(packScalesMins(SC, MN));
    byte[] qh = new byte[32];
    for (int l = 0; l < 32; l++) {
      qh[l] = (byte) (l * 37 + 11);
    }
    b.put(qh);
    for (int i = 0; i < 128; i++) {
      b.put((byte) (((i * 3) % 16) | (((i + 9) % 16) << 4)));
    }
    float[] r = row(new Q5_KTensor(MemorySegment.ofArray(b.array()), 1, 256), 0);
    for (int g = 0; g < 4; g++) {
      for (int l = 0; l < 32; l++) {
        int i = 32 * g + l;
        int h = qh[l] & 0xFF;
        int lo = (i * 3) % 16 + 16 * ((h >> (2 * g)) & 1);
        int hi = (i + 9) % 16 + 16 * ((h >> (2 * g + 1)) & 1);
        assertThat(r[64 * g + l]).as("element %d", 64 * g + l)
            .isEqualTo(d * SC[2 * g] * lo - dmin * MN[2 * g]);
        assertThat(r[64 * g + 32 + l]).as("element %d", 64 * g + 32 + l)
            .isEqualTo(d * SC[2 * g + 1] * hi - dmin * MN[2 * g + 1]);
      }
    }
  }

  @Test
  void q6_k() {
    // choose the 6-bit quant of every element, then pack it into ql/qh as the layout says
    int[] q = new int[256];
    for (int i = 0; i < 256; i++) {
      q[i] = (i * 29 + 7) % 64;
    }
    byte[] scales = {1, -2, 3, -4, 5, -6, 7, -8, 127, -128, 9, 10, -11, 12, 13, -14};
    byte[] ql = new byte[128];
    byte[] qh = new byte[64];
    for (int n = 0; n < 2; n++) {
      for (int l = 0; l < 32; l++) {
        int q1 = q[128 * n + l];
        int q2 = q[128 * n + l + 32];
        int q3 = q[128 * n + l + 64];
        int q4 = q[128 * n + l + 96];
        ql[64 * n + l] = (byte) ((q1 & 15) | ((q3 & 15) << 4));
        ql[64 * n + l + 32] = (byte) ((q2 & 15) | ((q4 & 15) << 4));
        qh[32 * n + l] = (byte) ((q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6));
      }
    }
    float d = 0.5f;
    ByteBuffer b = le(210).put(ql).put(qh).put(scales).putShort(half(d));
    float[] r = row(new Q6_KTensor(MemorySegment.ofArray(b.array()), 1, 256), 0);
    for (int i = 0; i < 256; i++) {
      int scale = scales[i / 16];   // 16 elements share a scale
      assertThat(r[i]).as("element %d", i).isEqualTo(d * scale * (q[i] - 32));
    }
  }

  @Test
  void rejectsShapesThatDoNotFitTheFormatOrTheSegment() {
    MemorySegment seg = MemorySegment.ofArray(new byte[36]);
    assertThatThrownBy(() -> new Q4_0Tensor(seg, 1, 48)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of 32");
    assertThatThrownBy(() -> new Q4_0Tensor(seg, 3, 32)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 54 bytes");
    assertThatThrownBy(() -> WeightTensors.create(10, seg, 1, 256)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type id 10");
  }
}
