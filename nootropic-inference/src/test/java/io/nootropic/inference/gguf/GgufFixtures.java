package io.nootropic.inference.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/// Small valid GGUF files built with [GgufWriter], and byte-patching helpers for crafting bad ones.
final class GgufFixtures {

  private GgufFixtures() { }

  static byte[] f32Bytes(float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  static byte[] pattern(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  /// A writer holding one key of every scalar type, arrays of every element type, a tokenizer
  /// vocabulary and three tensors (F32 8x2, Q8_0 32x2, F16 4).
  static GgufWriter sample() {
    return GgufWriter.create()
        .put("general.architecture", "llama")
        .put("general.name", "fixture ü")
        .putUint8("t.u8", 200)
        .putInt8("t.i8", -100)
        .putUint16("t.u16", 60000)
        .putInt16("t.i16", -30000)
        .putUint32("t.u32", 4_000_000_000L)
        .putInt32("t.i32", -2_000_000_000)
        .putUint64("t.u64", -1L)
        .putInt64("t.i64", Long.MIN_VALUE)
        .putFloat32("t.f32", 1.5f)
        .putFloat64("t.f64", -2.25)
        .put("t.bool", true)
        .put("t.str", "hello")
        .put("t.arr.u8", GgufArray.of(GgufValueType.UINT8, new byte[] {1, (byte) 255}))
        .put("t.arr.i8", GgufArray.of(GgufValueType.INT8, new byte[] {-1, 2}))
        .put("t.arr.u16", GgufArray.of(GgufValueType.UINT16, new short[] {(short) 65535, 3}))
        .put("t.arr.i16", GgufArray.of(GgufValueType.INT16, new short[] {-3}))
        .put("t.arr.u32", GgufArray.of(GgufValueType.UINT32, new int[] {-1, 7}))
        .put("t.arr.i32", new int[] {-7, 8, 9})
        .put("t.arr.u64", GgufArray.of(GgufValueType.UINT64, new long[] {5}))
        .put("t.arr.i64", GgufArray.of(GgufValueType.INT64, new long[] {-5, 6}))
        .put("t.arr.f32", new float[] {0.5f, -0.25f})
        .put("t.arr.f64", GgufArray.of(GgufValueType.FLOAT64, new double[] {1e300}))
        .put("t.arr.bool", GgufArray.of(GgufValueType.BOOL, new boolean[] {true, false}))
        .put("t.arr.str", new String[] {"a", "", "ünï"})
        .put("t.arr.empty", new String[0])
        .putUint32("llama.block_count", 2)
        .put("tokenizer.ggml.model", "llama")
        .put("tokenizer.ggml.tokens", new String[] {"<unk>", "<s>", "</s>", "a"})
        .put("tokenizer.ggml.scores", new float[] {0, 0, 0, -1})
        .put("tokenizer.ggml.token_type", new int[] {2, 3, 3, 1})
        .putUint32("tokenizer.ggml.bos_token_id", 1)
        .addTensor("t.a", GgmlType.F32, new long[] {8, 2}, f32Bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16))
        .addTensor("t.b", GgmlType.Q8_0, new long[] {32, 2}, pattern(68, 1))
        .addTensor("t.c", GgmlType.F16, new long[] {4}, pattern(8, 2));
  }

  static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("pattern not found");
  }

  /// Offset of the (length-prefixed) string `s`'s length field.
  static int stringAt(byte[] data, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    ByteBuffer needle = ByteBuffer.allocate(8 + b.length).order(ByteOrder.LITTLE_ENDIAN);
    needle.putLong(b.length).put(b);
    return indexOf(data, needle.array());
  }

  /// Offset just after the length-prefixed string `s` (where a key's type or a tensor's n_dims is).
  static int after(byte[] data, String s) {
    return stringAt(data, s) + 8 + s.getBytes(StandardCharsets.UTF_8).length;
  }

  static void putU32(byte[] data, int at, int v) {
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
  }

  static void putU64(byte[] data, int at, long v) {
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
  }

  static long getU64(byte[] data, int at) {
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(at);
  }
}
