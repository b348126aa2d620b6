package io.nootropic.inference.gguf;

import static io.nootropic.inference.gguf.GgufFixtures.after;
import static io.nootropic.inference.gguf.GgufFixtures.putU32;
import static io.nootropic.inference.gguf.GgufFixtures.putU64;
import static io.nootropic.inference.gguf.GgufFixtures.stringAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// One crafted file per known bug class of GGUF parsers, each generated at test time from a valid
/// file (GgufWriter) plus byte patches, each asserting the rule id (and the offset where it is
/// meaningful).
class GgufHostileCorpusTest {

  @TempDir
  Path dir;

  private byte[] valid() {
    return GgufFixtures.sample().toBytes();
  }

  private GgufFormatException reject(byte[] bytes, String rule) throws Exception {
    Path p = Files.write(dir.resolve("case-" + System.nanoTime() + ".gguf"), bytes);
    GgufFormatException e = catchThrowableOfType(GgufFormatException.class, () -> GgufFile.open(p).close());
    assertThat(e).as("expected rule " + rule).isNotNull();
    assertThat(e.rule()).isEqualTo(rule);
    assertThat(e.getMessage()).contains(rule).contains(p.getFileName().toString());
    return e;
  }

  @Test
  void theValidFixtureOpens() throws Exception {
    Path p = Files.write(dir.resolve("ok.gguf"), valid());
    try (GgufFile f = GgufFile.open(p)) {
      assertThat(f.tensors()).hasSize(3);
    }
  }

  // ---------------------------------------------------------------- header

  @Test
  void badMagic() throws Exception {
    byte[] b = valid();
    b[0] = 'X';
    assertThat(reject(b, "bad-magic").offset()).isZero();
    reject("GG".getBytes(StandardCharsets.US_ASCII), "truncated-header");
    reject(new byte[0], "truncated-header");
    reject(Arrays.copyOf(valid(), 20), "truncated-header");
  }

  @Test
  void unsupportedAndBigEndianVersions() throws Exception {
    byte[] b = valid();
    putU32(b, 4, 1);
    assertThat(reject(b, "unsupported-version").offset()).isEqualTo(4);
    putU32(b, 4, 0x7fffffff);
    reject(b, "unsupported-version");
    putU32(b, 4, 0x03000000);
    reject(b, "big-endian-unsupported");
  }

  @Test
  void version2IsAccepted() throws Exception {
    byte[] b = valid();
    putU32(b, 4, 2);
    Path p = Files.write(dir.resolve("v2.gguf"), b);
    try (GgufFile f = GgufFile.open(p)) {
      assertThat(f.version()).isEqualTo(2);
    }
  }

  @Test
  void counts2To63AndNegative() throws Exception {
    byte[] b = valid();
    putU64(b, 8, 1L << 63);
    assertThat(reject(b, "tensor-count-exceeds-file").offset()).isEqualTo(8);
    b = valid();
    putU64(b, 8, -1L);
    reject(b, "tensor-count-exceeds-file");
    b = valid();
    putU64(b, 16, 1L << 63);
    assertThat(reject(b, "kv-count-exceeds-file").offset()).isEqualTo(16);
    b = valid();
    putU64(b, 16, Long.MAX_VALUE);
    reject(b, "kv-count-exceeds-file");
    b = valid();
    putU64(b, 16, 1L << 20);
    reject(b, "kv-count-exceeds-file");
  }

  // ---------------------------------------------------------------- strings and keys

  @Test
  void stringLengthBeyondTheFile() throws Exception {
    byte[] b = valid();
    int at = stringAt(b, "hello");
    putU64(b, at, b.length);
    assertThat(reject(b, "string-length-exceeds-file").offset()).isEqualTo(at);
    putU64(b, at, -1L);
    reject(b, "string-length-exceeds-file");
    b = valid();
    int key = stringAt(b, "t.str");
    putU64(b, key, b.length);
    assertThat(reject(b, "string-length-exceeds-file").offset()).isEqualTo(key);
    putU64(b, key, 1L << 62); // keys are capped at 65535 bytes
    assertThat(reject(b, "key-too-long").offset()).isEqualTo(key);
  }

  @Test
  void badKeys() throws Exception {
    byte[] b = valid();
    int key = stringAt(b, "t.str");
    b[key + 8] = (byte) 0xff;
    reject(b, "key-invalid-utf8");
    // an empty key followed by garbage
    b = valid();
    putU64(b, key, 0);
    reject(b, "key-empty");
  }

  @Test
  void duplicateKey() throws Exception {
    byte[] b = valid();
    int at = stringAt(b, "t.i8");
    b[at + 8 + 2] = 'u'; // t.i8 -> t.u8, which came first
    assertThat(reject(b, "duplicate-key").offset()).isEqualTo(at);
  }

  @Test
  void unknownValueTypeAndInvalidBool() throws Exception {
    byte[] b = valid();
    int at = after(b, "t.str");
    putU32(b, at, 13);
    assertThat(reject(b, "unknown-value-type").offset()).isEqualTo(at);
    putU32(b, at, -1);
    reject(b, "unknown-value-type");
    b = valid();
    b[after(b, "t.bool") + 4] = 2;
    reject(b, "bool-invalid");
  }

  // ---------------------------------------------------------------- arrays

  @Test
  void nestedArrays() throws Exception {
    byte[] b = valid();
    int at = after(b, "t.arr.i32") + 4; // element type of the array value
    putU32(b, at, GgufValueType.ARRAY.id());
    assertThat(reject(b, "nested-array").offset()).isEqualTo(at);
  }

  @Test
  void hugeArrayLengths() throws Exception {
    byte[] b = valid();
    int at = after(b, "t.arr.i64") + 8; // count of the array value
    putU64(b, at, 1L << 61);
    assertThat(reject(b, "array-length-exceeds-file").offset()).isEqualTo(at);
    putU64(b, at, -1L);
    reject(b, "array-length-exceeds-file");
    b = valid();
    at = after(b, "tokenizer.ggml.tokens") + 8;
    putU64(b, at, Integer.MAX_VALUE + 10L);
    reject(b, "array-length-exceeds-file");
  }

  @Test
  void mistypedTokenArrays() throws Exception {
    // tokenizer.ggml.tokens as an int array
    byte[] b = GgufFixtures.sample().put("tokenizer.ggml.tokens", new int[] {1, 2, 3, 4}).toBytes();
    GgufFormatException e = reject(b, "key-wrong-type");
    assertThat(e.getMessage()).contains("tokenizer.ggml.tokens is ARRAY<INT32>, expected ARRAY<STRING>");
    // scores as a string
    reject(GgufFixtures.sample().put("tokenizer.ggml.scores", "x").toBytes(), "key-wrong-type");
    // token_type as floats
    reject(GgufFixtures.sample().put("tokenizer.ggml.token_type", new float[] {1, 2, 3, 4}).toBytes(),
        "key-wrong-type");
    // merges as a scalar, bos id as a string, add_bos as an int
    reject(GgufFixtures.sample().putUint32("tokenizer.ggml.merges", 3).toBytes(), "key-wrong-type");
    reject(GgufFixtures.sample().put("tokenizer.ggml.bos_token_id", "1").toBytes(), "key-wrong-type");
    reject(GgufFixtures.sample().putUint8("tokenizer.ggml.add_bos_token", 1).toBytes(), "key-wrong-type");
    // architecture as an array; block_count as a float
    reject(GgufFixtures.sample().put("general.architecture", new String[] {"llama"}).toBytes(), "key-wrong-type");
    reject(GgufFixtures.sample().putFloat32("llama.block_count", 2).toBytes(), "key-wrong-type");
  }

  @Test
  void tokenArraysOfDifferentLengths() throws Exception {
    reject(GgufFixtures.sample().put("tokenizer.ggml.scores", new float[] {1, 2, 3}).toBytes(),
        "token-array-length-mismatch");
  }

  @Test
  void absurdHyperParametersAreRangeCheckedBeforeUse() throws Exception {
    Path p = Files.write(dir.resolve("blocks.gguf"),
        GgufFixtures.sample().putUint32("llama.block_count", 0xffff_ffffL).toBytes());
    try (GgufFile f = GgufFile.open(p)) {
      GgufFormatException e = catchThrowableOfType(GgufFormatException.class,
          () -> f.metadata().getInt("llama.block_count", 1, 4096));
      assertThat(e.rule()).isEqualTo("key-out-of-range");
      assertThat(e.getMessage()).contains("llama.block_count = 4294967295 is outside [1, 4096]");
      assertThat(e.offset()).isEqualTo(f.metadata().offsetOf("llama.block_count")).isPositive();
    }
    Path q = Files.write(dir.resolve("neg.gguf"),
        GgufFixtures.sample().putInt64("llama.attention.head_count", -8).toBytes());
    try (GgufFile f = GgufFile.open(q)) {
      assertThatThrownBy(() -> f.metadata().getInt("llama.attention.head_count", 1, 1024))
          .isInstanceOf(GgufFormatException.class).extracting("rule").isEqualTo("key-out-of-range");
      assertThatThrownBy(() -> f.metadata().getInt("llama.context_length", 1, 1024))
          .isInstanceOf(GgufFormatException.class).extracting("rule").isEqualTo("missing-key");
    }
  }

  // ---------------------------------------------------------------- alignment

  @Test
  void hugeOrBrokenAlignment() throws Exception {
    for (long a : new long[] {1L << 30, 0xffff_ffffL, 0, 48, 3, 1 << 17}) {
      byte[] b = GgufFixtures.sample().alignment(64).toBytes();
      int at = after(b, "general.alignment") + 4;
      putU32(b, at, (int) a);
      assertThat(reject(b, "alignment-invalid").offset()).isEqualTo(at);
    }
    byte[] b = GgufFixtures.sample().alignment(64).toBytes();
    putU32(b, after(b, "general.alignment"), GgufValueType.INT32.id());
    assertThat(reject(b, "key-wrong-type").getMessage()).contains("general.alignment is INT32, expected UINT32");
  }

  // ---------------------------------------------------------------- tensors

  /// Offset of tensor `name`'s n_dims field.
  private static int dims(byte[] b, String name) {
    return after(b, name);
  }

  @Test
  void absurdNDims() throws Exception {
    for (int n : new int[] {0, 5, -1, 1 << 30}) {
      byte[] b = valid();
      int at = dims(b, "t.b");
      putU32(b, at, n);
      assertThat(reject(b, "tensor-dims-out-of-range").offset()).isEqualTo(at);
    }
  }

  @Test
  void zeroAndNegativeDimensions() throws Exception {
    byte[] b = valid();
    putU64(b, dims(b, "t.a") + 4 + 8, 0);
    reject(b, "tensor-dim-out-of-range");
    b = valid();
    putU64(b, dims(b, "t.a") + 4, -32);
    reject(b, "tensor-dim-out-of-range");
  }

  @Test
  void overflowingTensorByteSizes() throws Exception {
    // element count overflows
    byte[] b = valid();
    int at = dims(b, "t.a");
    putU64(b, at + 4, 1L << 40);
    putU64(b, at + 12, 1L << 40);
    reject(b, "tensor-size-overflow");
    // element count fits, bytes (x4 for F32) do not
    b = valid();
    putU64(b, at + 4, 1L << 31);
    putU64(b, at + 12, 1L << 31);
    reject(b, "tensor-size-overflow");
  }

  @Test
  void tensorDataPastEndOfFile() throws Exception {
    byte[] b = valid();
    int at = dims(b, "t.c");
    putU64(b, at + 4, 1L << 40); // F16 [2^40] = 2 TiB
    reject(b, "tensor-data-out-of-bounds");
    // offset past the end
    b = valid();
    int off = at + 4 + 8 + 4;
    putU64(b, off, 1L << 40);
    reject(b, "tensor-data-out-of-bounds");
    putU64(b, off, -32L);
    reject(b, "tensor-data-out-of-bounds");
    // the data section itself cut off
    b = valid();
    reject(Arrays.copyOf(b, b.length - 40), "tensor-data-out-of-bounds");
  }

  @Test
  void misalignedTensorOffset() throws Exception {
    byte[] b = valid();
    int off = dims(b, "t.c") + 4 + 8 + 4;
    putU64(b, off, GgufFixtures.getU64(b, off) + 4);
    assertThat(reject(b, "tensor-offset-misaligned").offset()).isEqualTo(off);
  }

  @Test
  void overlappingTensors() throws Exception {
    byte[] b = valid();
    int off = dims(b, "t.c") + 4 + 8 + 4;
    putU64(b, off, 32); // inside t.a (64 bytes at 0)
    reject(b, "tensor-overlap");
    b = valid();
    putU64(b, off, 0); // same start as t.a
    reject(b, "tensor-overlap");
  }

  @Test
  void duplicateTensorNames() throws Exception {
    byte[] b = valid();
    int at = stringAt(b, "t.c");
    b[at + 8 + 2] = 'a';
    reject(b, "duplicate-tensor-name");
  }

  @Test
  void unknownTensorTypes() throws Exception {
    for (int id : new int[] {4, 5, 31, 36, 1000, -1}) {
      byte[] b = valid();
      int at = dims(b, "t.c") + 4 + 8;
      putU32(b, at, id);
      assertThat(reject(b, "unknown-tensor-type").offset()).isEqualTo(at);
    }
  }

  @Test
  void rowsNotAMultipleOfTheBlockSize() throws Exception {
    byte[] b = valid();
    int at = dims(b, "t.b");
    putU64(b, at + 4, 16); // Q8_0 rows are blocks of 32
    putU64(b, at + 12, 4);
    reject(b, "tensor-row-not-block-multiple");
  }

  @Test
  void tensorNames() throws Exception {
    byte[] b = valid();
    putU64(b, stringAt(b, "t.b"), 300);
    reject(b, "tensor-name-too-long");
    b = valid();
    putU64(b, stringAt(b, "t.b"), 0);
    reject(b, "tensor-name-empty");
  }

  @Test
  void everyTruncationIsTyped() throws Exception {
    byte[] b = valid();
    GgufParser.Parsed full = GgufParser.parse(java.lang.foreign.MemorySegment.ofArray(b));
    GgufTensorInfo last = full.tensors().getLast();
    long end = full.dataStart() + last.offset() + last.byteSize();
    assertThat(end).isLessThan(b.length); // the file ends with padding
    for (int len = (int) end; len <= b.length; len++) {
      assertThat(GgufParser.parse(java.lang.foreign.MemorySegment.ofArray(Arrays.copyOf(b, len))).tensors())
          .hasSize(3);
    }
    for (int len = 0; len < end; len += 3) {
      byte[] cut = Arrays.copyOf(b, len);
      GgufFormatException e = catchThrowableOfType(GgufFormatException.class,
          () -> GgufParser.parse(java.lang.foreign.MemorySegment.ofArray(cut)));
      assertThat(e).as("truncated at " + len).isNotNull();
      assertThat(e.rule()).isIn("truncated", "truncated-header", "tensor-data-out-of-bounds",
          "string-length-exceeds-file", "array-length-exceeds-file", "tensor-count-exceeds-file",
          "kv-count-exceeds-file");
      assertThat(e.offset()).isBetween(0L, (long) len);
    }
  }

  @Test
  void missingFileIsAnIoErrorNotAFormatError() {
    assertThatThrownBy(() -> GgufFile.open(dir.resolve("nope.gguf")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
    assertThatThrownBy(() -> GgufFile.open(dir)).isInstanceOf(java.io.IOException.class);
  }
}
