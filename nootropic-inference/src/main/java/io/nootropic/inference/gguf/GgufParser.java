package io.nootropic.inference.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Validating GGUF parser over a (mapped) memory segment. Every size the file declares is checked
/// against the bytes that remain and against a fixed cap before anything is allocated from it, so
/// the heap used is proportional to the bytes actually present.
final class GgufParser {

  static final int MAGIC = 0x46554747; // "GGUF" little-endian
  static final int DEFAULT_ALIGNMENT = 32;
  static final String ALIGNMENT_KEY = "general.alignment";

  /// Hard caps (besides "must fit in the bytes left").
  static final int MAX_KEY_BYTES = 65_535;
  static final long MAX_STRING_BYTES = 64L << 20;
  static final long MAX_ARRAY_ELEMENTS = 1L << 28;
  static final long MAX_KV_COUNT = 1L << 20;
  static final long MAX_TENSOR_COUNT = 1L << 20;
  static final int MAX_TENSOR_NAME_BYTES = 256;
  static final int MAX_DIMS = 4;
  static final int MAX_ALIGNMENT = 1 << 16;

  /// Smallest possible encodings, used to bound counts by the bytes remaining.
  private static final long MIN_KV_BYTES = 8 + 1 + 4 + 1;
  private static final long MIN_TENSOR_INFO_BYTES = 8 + 1 + 4 + 8 + 4 + 8;

  private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /// Result of a parse.
  record Parsed(int version, GgufMetadata metadata, List<GgufTensorInfo> tensors, long dataStart, int alignment) { }

  private final MemorySegment seg;
  private final long size;
  private long pos;
  private byte[] scratch = new byte[256];

  private GgufParser(MemorySegment seg) {
    this.seg = seg;
    this.size = seg.byteSize();
  }

  static Parsed parse(MemorySegment seg) {
    return new GgufParser(seg).run();
  }

  private static GgufFormatException fail(String rule, long offset, String detail) {
    return new GgufFormatException(rule, offset, detail);
  }

  private Parsed run() {
    // header
    if (size < 4) {
      throw fail("truncated-header", 0, "file has " + size + " bytes, a GGUF header needs 24");
    }
    int magic = seg.get(I32, 0);
    if (magic != MAGIC) {
      throw fail("bad-magic", 0, String.format("magic is 0x%08x, expected \"GGUF\"", magic));
    }
    if (size < 24) {
      throw fail("truncated-header", 0, "file has " + size + " bytes, a GGUF header needs 24");
    }
    pos = 4;
    int version = seg.get(I32, 4);
    if (version == 0x02000000 || version == 0x03000000) {
      throw fail("big-endian-unsupported", 4, "big-endian GGUF files are not supported");
    }
    if (version != 2 && version != 3) {
      throw fail("unsupported-version", 4, "version " + Integer.toUnsignedString(version)
          + " is not supported (2 and 3 are)");
    }
    pos = 8;
    long tensorCount = readCount("tensor-count", MIN_TENSOR_INFO_BYTES, MAX_TENSOR_COUNT);
    long kvCount = readCount("kv-count", MIN_KV_BYTES, MAX_KV_COUNT);

    // metadata
    LinkedHashMap<String, GgufMetadata.Entry> entries = new LinkedHashMap<>();
    for (long i = 0; i < kvCount; i++) {
      long keyOffset = pos;
      String key = readKey();
      if (entries.containsKey(key)) {
        throw fail("duplicate-key", keyOffset, "key " + key + " appears twice");
      }
      long typeOffset = pos;
      GgufValueType type = readValueType(typeOffset);
      long valueOffset = pos;
      Object value = readValue(type, key);
      entries.put(key, new GgufMetadata.Entry(type, value, valueOffset));
    }
    GgufMetadata metadata = new GgufMetadata(entries);
    KnownKeys.check(metadata);
    int alignment = alignment(metadata);

    // tensor infos
    List<GgufTensorInfo> tensors = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    long[] infoOffsets = new long[(int) Math.min(tensorCount, 1024)];
    for (long i = 0; i < tensorCount; i++) {
      long infoOffset = pos;
      GgufTensorInfo t = readTensorInfo(alignment);
      if (names.putIfAbsent(t.name(), tensors.size()) != null) {
        throw fail("duplicate-tensor-name", infoOffset, "tensor " + t.name() + " appears twice");
      }
      if (tensors.size() == infoOffsets.length) {
        infoOffsets = Arrays.copyOf(infoOffsets, infoOffsets.length * 2);
      }
      infoOffsets[tensors.size()] = infoOffset;
      tensors.add(t);
    }

    // data section
    long dataStart = alignUp(pos, alignment);
    if (!tensors.isEmpty()) {
      if (dataStart > size) {
        throw fail("tensor-data-out-of-bounds", pos, "the data section would start at " + dataStart
            + " but the file has " + size + " bytes");
      }
      long dataSize = size - dataStart;
      Integer[] order = new Integer[tensors.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
        GgufTensorInfo t = tensors.get(i);
        if (t.offset() > dataSize || t.byteSize() > dataSize - t.offset()) {
          throw fail("tensor-data-out-of-bounds", infoOffsets[i], "tensor " + t.name() + " spans ["
              + t.offset() + ", " + Long.toUnsignedString(t.offset() + t.byteSize())
              + ") of the data section, which has " + dataSize + " bytes");
        }
      }
      Arrays.sort(order, (a, b) -> Long.compare(tensors.get(a).offset(), tensors.get(b).offset()));
      for (int k = 1; k < order.length; k++) {
        GgufTensorInfo prev = tensors.get(order[k - 1]);
        GgufTensorInfo cur = tensors.get(order[k]);
        if (prev.offset() + prev.byteSize() > cur.offset()) {
          throw fail("tensor-overlap", infoOffsets[order[k]], "tensor " + cur.name() + " at "
              + cur.offset() + " overlaps tensor " + prev.name() + " spanning [" + prev.offset()
              + ", " + (prev.offset() + prev.byteSize()) + ")");
        }
      }
    }
    return new Parsed(version, metadata, List.copyOf(tensors), dataStart, alignment);
  }

  static long alignUp(long value, int alignment) {
    long r = value % alignment;
    return r == 0 ? value : value + (alignment - r);
  }

  private static int alignment(GgufMetadata metadata) {
    GgufMetadata.Entry e = metadata.entry(ALIGNMENT_KEY);
    if (e == null) {
      return DEFAULT_ALIGNMENT;
    }
    long a = (Long) e.value();
    if (a <= 0 || a > MAX_ALIGNMENT || (a & (a - 1)) != 0) {
      throw fail("alignment-invalid", e.offset(), ALIGNMENT_KEY + " = " + Long.toUnsignedString(a)
          + ", expected a power of two in [1, " + MAX_ALIGNMENT + "]");
    }
    return (int) a;
  }

  // ---------------------------------------------------------------- primitives

  private void need(long n, String what) {
    if (n < 0 || n > size - pos) {
      throw fail("truncated", pos, "file ends inside " + what + " (" + (size - pos) + " bytes left, "
          + (n < 0 ? Long.toUnsignedString(n) : Long.toString(n)) + " needed)");
    }
  }

  private int u8(String what) {
    need(1, what);
    return seg.get(ValueLayout.JAVA_BYTE, pos++) & 0xff;
  }

  private int i32(String what) {
    need(4, what);
    int v = seg.get(I32, pos);
    pos += 4;
    return v;
  }

  private long i64(String what) {
    need(8, what);
    long v = seg.get(I64, pos);
    pos += 8;
    return v;
  }

  private long remaining() {
    return size - pos;
  }

  private long readCount(String name, long minBytesEach, long cap) {
    long at = pos;
    long n = i64(name);
    if (n < 0) {
      throw fail(name + "-exceeds-file", at, name + " " + Long.toUnsignedString(n) + " is absurd (>= 2^63)");
    }
    if (n > remaining() / minBytesEach) {
      throw fail(name + "-exceeds-file", at, name + " " + n + " cannot fit in the " + remaining()
          + " bytes left (each needs at least " + minBytesEach + ")");
    }
    if (n > cap) {
      throw fail(name + "-too-large", at, name + " " + n + " exceeds the limit " + cap);
    }
    return n;
  }

  private GgufValueType readValueType(long at) {
    int id = i32("a value type");
    if (!GgufValueType.isKnown(Integer.toUnsignedLong(id))) {
      throw fail("unknown-value-type", at, "value type id " + Integer.toUnsignedString(id) + " is unknown");
    }
    return GgufValueType.forId(id);
  }

  private long readStringLength(String what, long cap, String tooLongRule) {
    long at = pos;
    long len = i64(what + " length");
    if (cap <= MAX_KEY_BYTES && (len < 0 || len > cap)) {
      // names and keys have small caps: report the cap, the more telling rule
      throw fail(tooLongRule, at, what + " length " + Long.toUnsignedString(len) + " exceeds the limit " + cap);
    }
    if (len < 0 || len > remaining()) {
      throw fail("string-length-exceeds-file", at, what + " length " + Long.toUnsignedString(len)
          + " exceeds the " + remaining() + " bytes left");
    }
    if (len > cap) {
      throw fail(tooLongRule, at, what + " length " + len + " exceeds the limit " + cap);
    }
    return len;
  }

  private byte[] bytes(int len) {
    if (scratch.length < len) {
      scratch = new byte[Math.max(len, scratch.length * 2)];
    }
    MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, scratch, 0, len);
    pos += len;
    return scratch;
  }

  private String readString(String what) {
    int len = (int) readStringLength(what, MAX_STRING_BYTES, "string-too-long");
    if (len == 0) {
      return "";
    }
    return new String(bytes(len), 0, len, StandardCharsets.UTF_8);
  }

  private String readStrictString(String what, int cap, String tooLongRule, String emptyRule, String utf8Rule) {
    long at = pos;
    int len = (int) readStringLength(what, cap, tooLongRule);
    if (len == 0) {
      throw fail(emptyRule, at, what + " is empty");
    }
    byte[] b = bytes(len);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, 0, len)).toString();
    } catch (CharacterCodingException e) {
      throw fail(utf8Rule, at + 8, what + " is not valid UTF-8");
    }
  }

  private String readKey() {
    return readStrictString("key", MAX_KEY_BYTES, "key-too-long", "key-empty", "key-invalid-utf8");
  }

  // ---------------------------------------------------------------- values

  private Object readValue(GgufValueType type, String key) {
    return switch (type) {
      case UINT8 -> (long) u8(key);
      case INT8 -> (long) (byte) u8(key);
      case UINT16 -> {
        need(2, key);
        long v = Short.toUnsignedLong(seg.get(I16, pos));
        pos += 2;
        yield v;
      }
      case INT16 -> {
        need(2, key);
        long v = seg.get(I16, pos);
        pos += 2;
        yield v;
      }
      case UINT32 -> Integer.toUnsignedLong(i32(key));
      case INT32 -> (long) i32(key);
      case UINT64, INT64 -> i64(key);
      case FLOAT32 -> Float.intBitsToFloat(i32(key));
      case FLOAT64 -> Double.longBitsToDouble(i64(key));
      case BOOL -> readBool(key);
      case STRING -> readString("value of " + key);
      case ARRAY -> readArray(key);
    };
  }

  private boolean readBool(String key) {
    long at = pos;
    int b = u8(key);
    if (b > 1) {
      throw fail("bool-invalid", at, "bool value of " + key + " is " + b + ", expected 0 or 1");
    }
    return b == 1;
  }

  private GgufArray readArray(String key) {
    long at = pos;
    GgufValueType et = readValueType(at);
    if (et == GgufValueType.ARRAY) {
      throw fail("nested-array", at, "array " + key + " holds arrays; nested arrays are not supported");
    }
    long countAt = pos;
    long n = i64("array length of " + key);
    if (n < 0 || n > remaining() / et.minSize()) {
      throw fail("array-length-exceeds-file", countAt, "array " + key + " declares "
          + Long.toUnsignedString(n) + " " + et + " elements but only " + remaining() + " bytes are left");
    }
    if (n > MAX_ARRAY_ELEMENTS) {
      throw fail("array-too-long", countAt, "array " + key + " declares " + n
          + " elements, over the limit " + MAX_ARRAY_ELEMENTS);
    }
    int count = (int) n;
    Object values = switch (et) {
      case UINT8, INT8 -> {
        byte[] a = new byte[count];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, a, 0, count);
        pos += count;
        yield a;
      }
      case BOOL -> {
        boolean[] a = new boolean[count];
        for (int i = 0; i < count; i++) {
          a[i] = readBool(key);
        }
        yield a;
      }
      case UINT16, INT16 -> {
        short[] a = new short[count];
        MemorySegment.copy(seg, I16, pos, a, 0, count);
        pos += 2L * count;
        yield a;
      }
      case UINT32, INT32 -> {
        int[] a = new int[count];
        MemorySegment.copy(seg, I32, pos, a, 0, count);
        pos += 4L * count;
        yield a;
      }
      case UINT64, INT64 -> {
        long[] a = new long[count];
        MemorySegment.copy(seg, I64, pos, a, 0, count);
        pos += 8L * count;
        yield a;
      }
      case FLOAT32 -> {
        float[] a = new float[count];
        MemorySegment.copy(seg, F32, pos, a, 0, count);
        pos += 4L * count;
        yield a;
      }
      case FLOAT64 -> {
        double[] a = new double[count];
        MemorySegment.copy(seg, F64, pos, a, 0, count);
        pos += 8L * count;
        yield a;
      }
      case STRING -> readStringArray(key, count);
      case ARRAY -> throw new AssertionError();
    };
    return GgufArray.wrap(et, values);
  }

  /// Window of the segment copied to the heap, so that long string arrays (vocabularies, merges)
  /// are decoded without a segment access per field.
  private static final int WINDOW = 1 << 20;
  private byte[] window;
  private long windowStart = -1;
  private int windowLength;

  /// Index in `window` of file offset `at`, after making sure `[at, at + n)` is in the window
  /// (`n <= WINDOW`, and the range is known to be inside the file).
  private int windowed(long at, int n) {
    if (windowStart < 0 || at < windowStart || at + n > windowStart + windowLength) {
      if (window == null) {
        window = new byte[(int) Math.min(WINDOW, Math.max(n, size - at))];
      }
      windowStart = at;
      windowLength = (int) Math.min(window.length, size - at);
      MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, at, window, 0, windowLength);
    }
    return (int) (at - windowStart);
  }

  private String[] readStringArray(String key, int count) {
    String[] a = new String[count];
    String what = "element of " + key;
    for (int i = 0; i < count; i++) {
      if (remaining() < 8) {
        need(8, what + " length");
      }
      int at = windowed(pos, 8);
      long len = (long) LONG_LE.get(window, at);
      if (len < 0 || len > remaining() - 8 || len > MAX_STRING_BYTES || len > WINDOW) {
        a[i] = readString(what); // reports the violation, or reads a very long string directly
        continue;
      }
      pos += 8;
      int n = (int) len;
      if (n == 0) {
        a[i] = "";
      } else {
        int from = windowed(pos, n);
        a[i] = new String(window, from, n, StandardCharsets.UTF_8);
      }
      pos += n;
    }
    return a;
  }

  private static final java.lang.invoke.VarHandle LONG_LE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  // ---------------------------------------------------------------- tensors

  private GgufTensorInfo readTensorInfo(int alignment) {
    String name = readStrictString("tensor name", MAX_TENSOR_NAME_BYTES, "tensor-name-too-long",
        "tensor-name-empty", "tensor-name-invalid-utf8");
    long dimsAt = pos;
    int nDims = i32("n_dims of " + name);
    if (nDims < 1 || nDims > MAX_DIMS) {
      throw fail("tensor-dims-out-of-range", dimsAt, "tensor " + name + " has n_dims "
          + Integer.toUnsignedString(nDims) + ", expected 1.." + MAX_DIMS);
    }
    long[] shape = new long[nDims];
    long elements = 1;
    for (int d = 0; d < nDims; d++) {
      long dAt = pos;
      long v = i64("dimension of " + name);
      if (v <= 0) {
        throw fail("tensor-dim-out-of-range", dAt, "tensor " + name + " dimension " + d + " is "
            + Long.toUnsignedString(v) + ", expected 1..2^63-1");
      }
      shape[d] = v;
      try {
        elements = Math.multiplyExact(elements, v);
      } catch (ArithmeticException e) {
        throw fail("tensor-size-overflow", dAt, "tensor " + name + " element count overflows 64 bits");
      }
    }
    long typeAt = pos;
    int typeId = i32("type of " + name);
    if (!GgmlType.isKnown(Integer.toUnsignedLong(typeId))) {
      throw fail("unknown-tensor-type", typeAt, "tensor " + name + " has unknown ggml type id "
          + Integer.toUnsignedString(typeId));
    }
    GgmlType type = GgmlType.forId(typeId);
    if (shape[0] % type.blockSize() != 0) {
      throw fail("tensor-row-not-block-multiple", dimsAt, "tensor " + name + " has ne0 = " + shape[0]
          + ", not a multiple of the " + type + " block size " + type.blockSize());
    }
    long byteSize;
    try {
      byteSize = type.byteSize(elements);
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw fail("tensor-size-overflow", dimsAt, "tensor " + name + " byte size overflows 64 bits");
    }
    long offAt = pos;
    long offset = i64("offset of " + name);
    if (offset < 0) {
      throw fail("tensor-data-out-of-bounds", offAt, "tensor " + name + " offset "
          + Long.toUnsignedString(offset) + " is absurd");
    }
    if (offset % alignment != 0) {
      throw fail("tensor-offset-misaligned", offAt, "tensor " + name + " offset " + offset
          + " is not a multiple of the alignment " + alignment);
    }
    return new GgufTensorInfo(name, shape, type, offset, byteSize);
  }
}
