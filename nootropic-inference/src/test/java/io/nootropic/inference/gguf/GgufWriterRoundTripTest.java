package io.nootropic.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.testing.SharedModels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// GgufWriter output read back by GgufFile: every value type, arrays, tensors, alignment, copies.
class GgufWriterRoundTripTest {

  @TempDir
  Path dir;

  @Test
  void everyValueTypeAndTensorRoundTrips() throws Exception {
    Path p = dir.resolve("sample.gguf");
    GgufFixtures.sample().write(p);
    try (GgufFile f = GgufFile.open(p)) {
      GgufMetadata m = f.metadata();
      assertThat(f.version()).isEqualTo(3);
      assertThat(m.keys()).startsWith("general.architecture", "general.name", "t.u8");
      assertThat(m.getString("general.name")).isEqualTo("fixture ü");
      assertThat(m.getLong("t.u8")).isEqualTo(200);
      assertThat(m.getLong("t.i8")).isEqualTo(-100);
      assertThat(m.getLong("t.u16")).isEqualTo(60000);
      assertThat(m.getLong("t.i16")).isEqualTo(-30000);
      assertThat(m.getLong("t.u32")).isEqualTo(4_000_000_000L);
      assertThat(m.getLong("t.i32")).isEqualTo(-2_000_000_000L);
      assertThat(m.get("t.u64")).isEqualTo(-1L);
      assertThatThrownBy(() -> m.getLong("t.u64")).isInstanceOf(GgufFormatException.class)
          .extracting("rule").isEqualTo("key-out-of-range");
      assertThat(m.getDouble("t.u64")).isEqualTo(18446744073709551615.0);
      assertThat(m.getLong("t.i64")).isEqualTo(Long.MIN_VALUE);
      assertThat(m.getDouble("t.f32")).isEqualTo(1.5);
      assertThat(m.get("t.f32")).isEqualTo(1.5);
      assertThat(m.getDouble("t.f64")).isEqualTo(-2.25);
      assertThat(m.getBool("t.bool", false)).isTrue();
      assertThat(m.getString("t.str")).isEqualTo("hello");
      assertThat(m.type("t.u32")).contains(GgufValueType.UINT32);

      assertThat(m.getIntArray("t.arr.u8")).containsExactly(1, 255);
      assertThat(m.getIntArray("t.arr.i8")).containsExactly(-1, 2);
      assertThat(m.getIntArray("t.arr.u16")).containsExactly(65535, 3);
      assertThat(m.getIntArray("t.arr.i16")).containsExactly(-3);
      assertThatThrownBy(() -> m.getIntArray("t.arr.u32")).isInstanceOf(GgufFormatException.class)
          .extracting("rule").isEqualTo("key-out-of-range");
      assertThat(m.getArray("t.arr.u32").getLong(0)).isEqualTo(4294967295L);
      assertThat(m.getIntArray("t.arr.i32")).containsExactly(-7, 8, 9);
      assertThat(m.getIntArray("t.arr.u64")).containsExactly(5);
      assertThat(m.getIntArray("t.arr.i64")).containsExactly(-5, 6);
      assertThat(m.getFloatArray("t.arr.f32")).containsExactly(0.5f, -0.25f);
      assertThat(m.getArray("t.arr.f64").getDouble(0)).isEqualTo(1e300);
      assertThat(m.getArray("t.arr.bool").get(0)).isEqualTo(true);
      assertThat(m.getArray("t.arr.bool").get(1)).isEqualTo(false);
      assertThat(m.getStringArray("t.arr.str")).containsExactly("a", "", "ünï");
      assertThat(m.getStringArray("t.arr.empty")).isEmpty();
      assertThat(m.elementType("t.arr.empty")).contains(GgufValueType.STRING);

      assertThat(f.tensors()).extracting(GgufTensorInfo::name).containsExactly("t.a", "t.b", "t.c");
      GgufTensorInfo a = f.tensor("t.a").orElseThrow();
      assertThat(a.shape()).containsExactly(8, 2);
      assertThat(a.byteSize()).isEqualTo(64);
      MemorySegment seg = f.data(a);
      assertThat(seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 15 * 4)).isEqualTo(16f);
      GgufTensorInfo b = f.tensor("t.b").orElseThrow();
      assertThat(b.byteSize()).isEqualTo(68);
      assertThat(f.data(b).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(GgufFixtures.pattern(68, 1));
      assertThat(f.data(f.tensor("t.c").orElseThrow()).toArray(ValueLayout.JAVA_BYTE))
          .isEqualTo(GgufFixtures.pattern(8, 2));
      for (GgufTensorInfo t : f.tensors()) {
        assertThat((f.dataSectionOffset() + t.offset()) % 32).isZero();
      }
      assertThat(f.data(b).isReadOnly()).isTrue();
    }
  }

  @Test
  void longStringArraysSpanningTheDecodeWindowRoundTrip() throws Exception {
    String big = "x".repeat(1_500_000) + "é";
    String[] values = new String[100_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i == 777 ? big : (i % 3 == 0 ? "" : "tok" + i + "ü");
    }
    Path p = dir.resolve("strings.gguf");
    GgufWriter.create().put("tokenizer.ggml.merges", values).put("after", "end").write(p);
    try (GgufFile f = GgufFile.open(p)) {
      assertThat(f.metadata().getStringArray("tokenizer.ggml.merges")).isEqualTo(values);
      assertThat(f.metadata().getString("after")).isEqualTo("end");
    }
  }

  @Test
  void customAlignmentIsHonoured() throws Exception {
    Path p = dir.resolve("aligned.gguf");
    GgufFixtures.sample().alignment(256).write(p);
    try (GgufFile f = GgufFile.open(p)) {
      assertThat(f.alignment()).isEqualTo(256);
      assertThat(f.dataSectionOffset() % 256).isZero();
      assertThat(f.tensors()).allSatisfy(t -> assertThat(t.offset() % 256).isZero());
      assertThat(f.tensor("t.b").map(f::data).orElseThrow().toArray(ValueLayout.JAVA_BYTE))
          .isEqualTo(GgufFixtures.pattern(68, 1));
    }
  }

  @Test
  void copyingMetadataAndTensorsOfARealFileReproducesIt() throws Exception {
    Path src = SharedModels.require("stories260K.gguf");
    Path copy = dir.resolve("copy.gguf");
    try (GgufFile f = GgufFile.open(src)) {
      GgufWriter w = GgufWriter.create().putAll(f.metadata());
      for (GgufTensorInfo t : f.tensors()) {
        w.addTensor(t.name(), t.type(), t.shape(), f.data(t));
      }
      w.write(copy);
      try (GgufFile g = GgufFile.open(copy)) {
        assertThat(g.metadata()).isEqualTo(f.metadata());
        assertThat(g.metadata().keys()).containsExactlyElementsOf(f.metadata().keys());
        for (String k : f.metadata().keys()) {
          assertThat(g.metadata().type(k)).isEqualTo(f.metadata().type(k));
        }
        assertThat(g.tensors()).hasSameSizeAs(f.tensors());
        for (GgufTensorInfo t : f.tensors()) {
          GgufTensorInfo u = g.tensor(t.name()).orElseThrow();
          assertThat(u.shape()).isEqualTo(t.shape());
          assertThat(u.type()).isEqualTo(t.type());
          assertThat(g.data(u).mismatch(f.data(t))).isEqualTo(-1);
        }
      }
    }
    // gguf-py lays out files the same way, so a v3 copy of a v3 file is byte-identical
    try (GgufFile f = GgufFile.open(src)) {
      if (f.version() == 3) {
        assertThat(Files.mismatch(src, copy)).isEqualTo(-1);
      }
    }
  }

  @Test
  void streamedTensorDataMustHaveTheDeclaredSize() {
    GgufWriter w = GgufWriter.create().addTensor("x", GgmlType.F32, new long[] {4}, out -> out.write(new byte[15]));
    assertThatThrownBy(() -> w.write(dir.resolve("bad.gguf"))).hasMessageContaining("wrote 15 bytes, expected 16");
    assertThat(dir.resolve("bad.gguf")).doesNotExist();
  }

  @Test
  void writerRefusesInvalidInput() {
    GgufWriter w = GgufWriter.create();
    assertThatThrownBy(() -> w.addTensor("q", GgmlType.Q4_0, new long[] {16}, new byte[9]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block size 32");
    assertThatThrownBy(() -> w.addTensor("f", GgmlType.F32, new long[] {4}, new byte[15]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 16 bytes");
    assertThatThrownBy(() -> w.addTensor("f", GgmlType.F32, new long[] {1, 1, 1, 1, 1}, new byte[4]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.putUint32("k", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.putUint8("k", 256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.alignment(48)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.put("", "v")).isInstanceOf(IllegalArgumentException.class);
    w.addTensor("f", GgmlType.F32, new long[] {1}, new byte[4]);
    assertThatThrownBy(() -> w.addTensor("f", GgmlType.F32, new long[] {1}, new byte[4]))
        .hasMessageContaining("duplicate tensor f");
  }

  @Test
  void metadataSnapshotOfAWriterIsUsableWithoutAFile() {
    GgufMetadata m = GgufWriter.create().put("tokenizer.ggml.tokens", new String[] {"a", "b"})
        .putUint32("llama.block_count", 7).metadata();
    assertThat(m.getStringArray("tokenizer.ggml.tokens")).containsExactly("a", "b");
    assertThat(m.getInt("llama.block_count", 1, 10)).isEqualTo(7);
    assertThatThrownBy(() -> m.getInt("llama.block_count", 8, 10))
        .isInstanceOf(GgufFormatException.class)
        .hasMessageContaining("llama.block_count = 7 is outside [8, 10]");
    assertThatThrownBy(() -> m.getString("missing")).extracting("rule").isEqualTo("missing-key");
  }
}
