package io.nootropic.inference.gguf;

import io.nootropic.api.OutputFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/// Builds and writes valid GGUF version 3 files: metadata of every type (arrays included) and
/// tensors whose data is aligned to `general.alignment` (32 unless set).
///
/// ```java
/// GgufWriter.create()
///     .putAll(vocab.metadata())                       // exact types are kept
///     .put("general.architecture", "llama")
///     .putUint32("llama.block_count", 16)
///     .addTensor("token_embd.weight", GgmlType.Q8_0, new long[] {2048, 128256}, bytes)
///     .write(Path.of("model.gguf"));                  // atomic: temp file, then move
/// ```
///
/// Data may be a `byte[]`, a [MemorySegment] (e.g. another file's slice) or a [TensorSource] that
/// streams it, so multi-gigabyte files need no heap. Invalid input (bad key, shape, size or
/// duplicate name) is refused with `IllegalArgumentException` when it is added.
public final class GgufWriter {

  /// Streams the bytes of one tensor; it must write exactly the tensor's byte size.
  @FunctionalInterface
  public interface TensorSource {
    /// Writes the tensor's bytes to `out`.
    void writeTo(OutputStream out) throws IOException;
  }

  private record PendingTensor(String name, GgmlType type, long[] shape, long byteSize, TensorSource source) { }

  private final LinkedHashMap<String, GgufMetadata.Entry> entries = new LinkedHashMap<>();
  private final List<PendingTensor> tensors = new ArrayList<>();
  private final Set<String> tensorNames = new HashSet<>();

  private GgufWriter() { }

  /// A new, empty writer.
  public static GgufWriter create() {
    return new GgufWriter();
  }

  // ------------------------------------------------------------------ metadata

  private GgufWriter putEntry(String key, GgufValueType type, Object value) {
    Objects.requireNonNull(key, "key");
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    if (k.length == 0 || k.length > GgufParser.MAX_KEY_BYTES) {
      throw new IllegalArgumentException("GGUF keys must have 1.." + GgufParser.MAX_KEY_BYTES + " UTF-8 bytes: " + key);
    }
    entries.put(key, new GgufMetadata.Entry(type, value, -1));
    return this;
  }

  private static long checkRange(String key, long v, long min, long max, GgufValueType t) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(key + " = " + v + " does not fit in " + t);
    }
    return v;
  }

  /// Puts a string.
  public GgufWriter put(String key, String value) {
    return putEntry(key, GgufValueType.STRING, Objects.requireNonNull(value, "value"));
  }

  /// Puts a bool.
  public GgufWriter put(String key, boolean value) {
    return putEntry(key, GgufValueType.BOOL, value);
  }

  /// Puts an array.
  public GgufWriter put(String key, GgufArray value) {
    return putEntry(key, GgufValueType.ARRAY, Objects.requireNonNull(value, "value"));
  }

  /// Puts a string array.
  public GgufWriter put(String key, String[] values) {
    return put(key, GgufArray.of(GgufValueType.STRING, values));
  }

  /// Puts a FLOAT32 array.
  public GgufWriter put(String key, float[] values) {
    return put(key, GgufArray.of(GgufValueType.FLOAT32, values));
  }

  /// Puts an INT32 array.
  public GgufWriter put(String key, int[] values) {
    return put(key, GgufArray.of(GgufValueType.INT32, values));
  }

  /// Puts a value of an explicit scalar type: `value` is a `Number` for numeric types, a `Boolean`
  /// for BOOL, a `String` for STRING, a [GgufArray] for ARRAY. UINT64 takes the long's bits.
  ///
  /// @throws IllegalArgumentException if the value does not fit the type
  public GgufWriter put(String key, GgufValueType type, Object value) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    return switch (type) {
      case UINT8 -> putEntry(key, type, checkRange(key, ((Number) value).longValue(), 0, 0xff, type));
      case INT8 -> putEntry(key, type, checkRange(key, ((Number) value).longValue(), Byte.MIN_VALUE, Byte.MAX_VALUE, type));
      case UINT16 -> putEntry(key, type, checkRange(key, ((Number) value).longValue(), 0, 0xffff, type));
      case INT16 -> putEntry(key, type, checkRange(key, ((Number) value).longValue(), Short.MIN_VALUE, Short.MAX_VALUE, type));
      case UINT32 -> putEntry(key, type, checkRange(key, ((Number) value).longValue(), 0, 0xffff_ffffL, type));
      case INT32 -> putEntry(key, type, checkRange(key, ((Number) value).longValue(), Integer.MIN_VALUE, Integer.MAX_VALUE, type));
      case UINT64, INT64 -> putEntry(key, type, ((Number) value).longValue());
      case FLOAT32 -> putEntry(key, type, ((Number) value).floatValue());
      case FLOAT64 -> putEntry(key, type, ((Number) value).doubleValue());
      case BOOL -> putEntry(key, type, (Boolean) value);
      case STRING -> put(key, (String) value);
      case ARRAY -> put(key, (GgufArray) value);
    };
  }

  /// Puts a UINT8.
  public GgufWriter putUint8(String key, int value) {
    return put(key, GgufValueType.UINT8, value);
  }

  /// Puts an INT8.
  public GgufWriter putInt8(String key, int value) {
    return put(key, GgufValueType.INT8, value);
  }

  /// Puts a UINT16.
  public GgufWriter putUint16(String key, int value) {
    return put(key, GgufValueType.UINT16, value);
  }

  /// Puts an INT16.
  public GgufWriter putInt16(String key, int value) {
    return put(key, GgufValueType.INT16, value);
  }

  /// Puts a UINT32 (the type llama.cpp uses for hyper-parameters and token ids).
  public GgufWriter putUint32(String key, long value) {
    return put(key, GgufValueType.UINT32, value);
  }

  /// Puts an INT32.
  public GgufWriter putInt32(String key, int value) {
    return put(key, GgufValueType.INT32, value);
  }

  /// Puts a UINT64 (bits of `value`).
  public GgufWriter putUint64(String key, long value) {
    return put(key, GgufValueType.UINT64, value);
  }

  /// Puts an INT64.
  public GgufWriter putInt64(String key, long value) {
    return put(key, GgufValueType.INT64, value);
  }

  /// Puts a FLOAT32.
  public GgufWriter putFloat32(String key, float value) {
    return put(key, GgufValueType.FLOAT32, value);
  }

  /// Puts a FLOAT64.
  public GgufWriter putFloat64(String key, double value) {
    return put(key, GgufValueType.FLOAT64, value);
  }

  /// Sets `general.alignment` (a power of two in `[1, 65536]`) for the tensor data.
  public GgufWriter alignment(int alignment) {
    if (alignment <= 0 || alignment > GgufParser.MAX_ALIGNMENT || (alignment & (alignment - 1)) != 0) {
      throw new IllegalArgumentException("alignment must be a power of two in [1, "
          + GgufParser.MAX_ALIGNMENT + "]: " + alignment);
    }
    return putUint32(GgufParser.ALIGNMENT_KEY, alignment);
  }

  /// Copies every key of `metadata` with its exact type (later puts override).
  public GgufWriter putAll(GgufMetadata metadata) {
    return putAll(metadata, k -> true);
  }

  /// Copies the keys of `metadata` accepted by `filter`, with their exact types.
  public GgufWriter putAll(GgufMetadata metadata, Predicate<String> filter) {
    for (Map.Entry<String, GgufMetadata.Entry> e : metadata.entries().entrySet()) {
      if (filter.test(e.getKey())) {
        putEntry(e.getKey(), e.getValue().type(), e.getValue().value());
      }
    }
    return this;
  }

  /// Removes `key` if present.
  public GgufWriter remove(String key) {
    entries.remove(key);
    return this;
  }

  /// A snapshot of the metadata put so far.
  public GgufMetadata metadata() {
    return new GgufMetadata(new LinkedHashMap<>(entries));
  }

  private int alignmentValue() {
    GgufMetadata.Entry e = entries.get(GgufParser.ALIGNMENT_KEY);
    if (e == null) {
      return GgufParser.DEFAULT_ALIGNMENT;
    }
    if (e.type() != GgufValueType.UINT32) {
      throw new IllegalStateException(GgufParser.ALIGNMENT_KEY + " must be UINT32");
    }
    long a = (Long) e.value();
    if (a <= 0 || a > GgufParser.MAX_ALIGNMENT || (a & (a - 1)) != 0) {
      throw new IllegalStateException(GgufParser.ALIGNMENT_KEY + " must be a power of two in [1, 65536]: " + a);
    }
    return (int) a;
  }

  // ------------------------------------------------------------------ tensors

  /// Adds a tensor whose bytes are `data` (not copied; do not modify it before writing).
  ///
  /// @throws IllegalArgumentException if the name, shape or data length is invalid
  public GgufWriter addTensor(String name, GgmlType type, long[] shape, byte[] data) {
    long size = checkTensor(name, type, shape);
    if (data.length != size) {
      throw new IllegalArgumentException("tensor " + name + " needs " + size + " bytes, got " + data.length);
    }
    return add(name, type, shape, size, out -> out.write(data));
  }

  /// Adds a tensor whose bytes are `data` (e.g. a slice of another mapped file; read at write time).
  public GgufWriter addTensor(String name, GgmlType type, long[] shape, MemorySegment data) {
    long size = checkTensor(name, type, shape);
    if (data.byteSize() != size) {
      throw new IllegalArgumentException("tensor " + name + " needs " + size + " bytes, got " + data.byteSize());
    }
    return add(name, type, shape, size, out -> {
      byte[] chunk = new byte[(int) Math.min(size, 1 << 20)];
      for (long off = 0; off < size; off += chunk.length) {
        int n = (int) Math.min(chunk.length, size - off);
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, off, chunk, 0, n);
        out.write(chunk, 0, n);
      }
    });
  }

  /// Adds a tensor whose bytes `source` streams when the file is written; it must write exactly
  /// `type.byteSize(product of shape)` bytes.
  public GgufWriter addTensor(String name, GgmlType type, long[] shape, TensorSource source) {
    long size = checkTensor(name, type, shape);
    return add(name, type, shape, size, Objects.requireNonNull(source, "source"));
  }

  private GgufWriter add(String name, GgmlType type, long[] shape, long size, TensorSource source) {
    tensors.add(new PendingTensor(name, type, shape.clone(), size, source));
    tensorNames.add(name);
    return this;
  }

  /// Byte size of a tensor of `type` and `shape`, after checking both.
  private long checkTensor(String name, GgmlType type, long[] shape) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    int len = name.getBytes(StandardCharsets.UTF_8).length;
    if (len == 0 || len > GgufParser.MAX_TENSOR_NAME_BYTES) {
      throw new IllegalArgumentException("tensor names must have 1.." + GgufParser.MAX_TENSOR_NAME_BYTES
          + " UTF-8 bytes: " + name);
    }
    if (tensorNames.contains(name)) {
      throw new IllegalArgumentException("duplicate tensor " + name);
    }
    if (shape.length < 1 || shape.length > GgufParser.MAX_DIMS) {
      throw new IllegalArgumentException("tensor " + name + " must have 1.." + GgufParser.MAX_DIMS + " dimensions");
    }
    long n = 1;
    for (long d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException("tensor " + name + " has a non-positive dimension " + d);
      }
      n = Math.multiplyExact(n, d);
    }
    if (shape[0] % type.blockSize() != 0) {
      throw new IllegalArgumentException("tensor " + name + " ne0 " + shape[0] + " is not a multiple of the "
          + type + " block size " + type.blockSize());
    }
    return type.byteSize(n);
  }

  // ------------------------------------------------------------------ output

  /// Writes the file as [OutputFiles] writes: a regular file is replaced atomically (a temporary
  /// file beside it, then moved over it) and keeps its permissions, a symbolic link is written
  /// through, never replaced.
  public void write(Path path) throws IOException {
    OutputFiles.write(path, out -> {
      try (OutputStream buffered = new BufferedOutputStream(out, 1 << 20)) {
        write(buffered);
      }
    });
  }

  /// The whole file as bytes (for tests and small files).
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /// Writes the file to `out` (not closed).
  public void write(OutputStream out) throws IOException {
    int alignment = alignmentValue();
    LeBuffer h = new LeBuffer();
    h.u32(GgufParser.MAGIC);
    h.u32(3);
    h.u64(tensors.size());
    h.u64(entries.size());
    for (Map.Entry<String, GgufMetadata.Entry> e : entries.entrySet()) {
      h.string(e.getKey());
      GgufValueType t = e.getValue().type();
      h.u32(t.id());
      writeValue(h, t, e.getValue().value());
    }
    long offset = 0;
    long[] offsets = new long[tensors.size()];
    for (int i = 0; i < tensors.size(); i++) {
      PendingTensor t = tensors.get(i);
      h.string(t.name());
      h.u32(t.shape().length);
      for (long d : t.shape()) {
        h.u64(d);
      }
      h.u32(t.type().id());
      offsets[i] = offset;
      h.u64(offset);
      offset = GgufParser.alignUp(Math.addExact(offset, t.byteSize()), alignment);
    }
    if (!tensors.isEmpty()) {
      h.pad(alignment);
    }
    out.write(h.buf, 0, h.len);
    long written = 0;
    byte[] zeros = new byte[alignment];
    for (int i = 0; i < tensors.size(); i++) {
      PendingTensor t = tensors.get(i);
      if (written != offsets[i]) {
        throw new AssertionError();
      }
      CountingStream counter = new CountingStream(out);
      t.source().writeTo(counter);
      if (counter.count != t.byteSize()) {
        throw new IOException("tensor " + t.name() + " source wrote " + counter.count + " bytes, expected "
            + t.byteSize());
      }
      written += t.byteSize();
      long padded = GgufParser.alignUp(written, alignment);
      out.write(zeros, 0, (int) (padded - written));
      written = padded;
    }
    out.flush();
  }

  private static void writeValue(LeBuffer h, GgufValueType t, Object v) {
    switch (t) {
      case UINT8, INT8, BOOL -> h.u8(v instanceof Boolean b ? (b ? 1 : 0) : (int) (long) (Long) v);
      case UINT16, INT16 -> h.u16((int) (long) (Long) v);
      case UINT32, INT32 -> h.u32((int) (long) (Long) v);
      case UINT64, INT64 -> h.u64((Long) v);
      case FLOAT32 -> h.u32(Float.floatToRawIntBits((Float) v));
      case FLOAT64 -> h.u64(Double.doubleToRawLongBits((Double) v));
      case STRING -> h.string((String) v);
      case ARRAY -> {
        GgufArray a = (GgufArray) v;
        h.u32(a.elementType().id());
        h.u64(a.size());
        switch (a.raw()) {
          case byte[] b -> h.bytes(b, b.length);
          case boolean[] b -> {
            for (boolean x : b) {
              h.u8(x ? 1 : 0);
            }
          }
          case short[] s -> {
            for (short x : s) {
              h.u16(x);
            }
          }
          case int[] s -> {
            for (int x : s) {
              h.u32(x);
            }
          }
          case long[] s -> {
            for (long x : s) {
              h.u64(x);
            }
          }
          case float[] s -> {
            for (float x : s) {
              h.u32(Float.floatToRawIntBits(x));
            }
          }
          case double[] s -> {
            for (double x : s) {
              h.u64(Double.doubleToRawLongBits(x));
            }
          }
          case String[] s -> {
            for (String x : s) {
              h.string(x);
            }
          }
          default -> throw new IllegalStateException();
        }
      }
    }
  }

  /// Growable little-endian byte buffer for the header.
  private static final class LeBuffer {
    byte[] buf = new byte[4096];
    int len;

    private void ensure(int n) {
      if (buf.length - len < n) {
        long want = Math.max((long) buf.length * 2, (long) len + n);
        if (want > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("GGUF header over 2 GiB");
        }
        buf = java.util.Arrays.copyOf(buf, (int) want);
      }
    }

    void u8(int v) {
      ensure(1);
      buf[len++] = (byte) v;
    }

    void u16(int v) {
      ensure(2);
      buf[len++] = (byte) v;
      buf[len++] = (byte) (v >>> 8);
    }

    void u32(int v) {
      ensure(4);
      for (int i = 0; i < 4; i++) {
        buf[len++] = (byte) (v >>> (8 * i));
      }
    }

    void u64(long v) {
      ensure(8);
      for (int i = 0; i < 8; i++) {
        buf[len++] = (byte) (v >>> (8 * i));
      }
    }

    void bytes(byte[] b, int n) {
      ensure(n);
      System.arraycopy(b, 0, buf, len, n);
      len += n;
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u64(b.length);
      bytes(b, b.length);
    }

    void pad(int alignment) {
      int target = (int) GgufParser.alignUp(len, alignment);
      ensure(target - len);
      len = target; // new bytes are already zero
    }
  }

  /// Counts the bytes a tensor source writes.
  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
      out.write(b, off, n);
      count += n;
    }

    @Override
    public void close() {
      // the underlying stream stays open
    }
  }
}
