package io.nootropic.inference.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/// The key/value metadata of a GGUF file: immutable, in file order, each value decoded eagerly
/// (sizes were bounded while parsing) and kept with its GGUF type so it can be copied exactly.
///
/// Typed getters throw [GgufFormatException] naming the key (rules `missing-key`,
/// `key-wrong-type`, `key-out-of-range`), so a model loader can read hyper-parameters without
/// writing its own checks: `metadata.getInt("llama.block_count", 1, 4096)`.
public final class GgufMetadata {

  /// One value with its type and the file offset of the value (-1 when built in memory).
  record Entry(GgufValueType type, Object value, long offset) { }

  private static final GgufMetadata EMPTY = new GgufMetadata(new LinkedHashMap<>());

  private final Map<String, Entry> entries;

  GgufMetadata(LinkedHashMap<String, Entry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /// Metadata with no keys.
  public static GgufMetadata empty() {
    return EMPTY;
  }

  /// The keys in file (insertion) order.
  public Set<String> keys() {
    return entries.keySet();
  }

  /// Number of keys.
  public int size() {
    return entries.size();
  }

  /// Whether `key` is present.
  public boolean contains(String key) {
    return entries.containsKey(key);
  }

  /// The GGUF type of `key`'s value, or empty when absent.
  public Optional<GgufValueType> type(String key) {
    Entry e = entries.get(key);
    return e == null ? Optional.empty() : Optional.of(e.type());
  }

  /// The element type of `key`'s array value, or empty when absent or not an array.
  public Optional<GgufValueType> elementType(String key) {
    Entry e = entries.get(key);
    return e != null && e.value() instanceof GgufArray a ? Optional.of(a.elementType()) : Optional.empty();
  }

  /// Byte offset of `key`'s value in the file, or -1 if absent or built in memory.
  public long offsetOf(String key) {
    Entry e = entries.get(key);
    return e == null ? -1 : e.offset();
  }

  Entry entry(String key) {
    return entries.get(key);
  }

  Map<String, Entry> entries() {
    return entries;
  }

  /// The raw value, or `null` when absent: a `Long` for every integer type (UINT64 bit for bit),
  /// a `Double` for FLOAT32/FLOAT64, a `Boolean`, a `String`, or a [GgufArray].
  public Object get(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    return switch (e.type()) {
      case FLOAT32 -> (double) (Float) e.value();
      default -> e.value();
    };
  }

  private Entry require(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      throw new GgufFormatException("missing-key", -1, "missing key " + key);
    }
    return e;
  }

  private static GgufFormatException wrongType(String key, Entry e, String expected) {
    return new GgufFormatException("key-wrong-type", e.offset(),
        "key " + key + " is " + describe(e) + ", expected " + expected);
  }

  static String describe(Entry e) {
    return e.value() instanceof GgufArray a ? "ARRAY<" + a.elementType() + ">" : e.type().name();
  }

  /// The string value of `key`.
  ///
  /// @throws GgufFormatException if absent or not a string
  public String getString(String key) {
    Entry e = require(key);
    if (e.type() != GgufValueType.STRING) {
      throw wrongType(key, e, "STRING");
    }
    return (String) e.value();
  }

  /// The string value of `key`, or empty when absent.
  ///
  /// @throws GgufFormatException if present but not a string
  public Optional<String> findString(String key) {
    return contains(key) ? Optional.of(getString(key)) : Optional.empty();
  }

  /// The value of an integer key (any of the eight integer types).
  ///
  /// @throws GgufFormatException if absent, not an integer, or a UINT64 above `Long.MAX_VALUE`
  public long getLong(String key) {
    Entry e = require(key);
    if (!e.type().isInteger()) {
      throw wrongType(key, e, "an integer");
    }
    long v = (Long) e.value();
    if (e.type() == GgufValueType.UINT64 && v < 0) {
      throw new GgufFormatException("key-out-of-range", e.offset(),
          "key " + key + " = " + Long.toUnsignedString(v) + " does not fit in a signed 64-bit integer");
    }
    return v;
  }

  /// The value of an integer key, or `defaultValue` when absent.
  ///
  /// @throws GgufFormatException if present but not an integer
  public long getLong(String key, long defaultValue) {
    return contains(key) ? getLong(key) : defaultValue;
  }

  /// The value of an integer key, checked to lie in `[min, max]` — use it for every count that
  /// sizes an allocation (layers, heads, vocabulary, context).
  ///
  /// @throws GgufFormatException if absent, not an integer (`key-wrong-type`) or out of range
  ///     (`key-out-of-range`, naming the key and the range)
  public int getInt(String key, int min, int max) {
    long v = getLong(key);
    if (v < min || v > max) {
      throw new GgufFormatException("key-out-of-range", offsetOf(key),
          "key " + key + " = " + v + " is outside [" + min + ", " + max + "]");
    }
    return (int) v;
  }

  /// Like [#getInt(String, int, int)], but `defaultValue` (unchecked) when absent.
  public int getInt(String key, int min, int max, int defaultValue) {
    return contains(key) ? getInt(key, min, max) : defaultValue;
  }

  /// The value of a float key (FLOAT32/FLOAT64; integers accepted too).
  ///
  /// @throws GgufFormatException if absent or not a number
  public double getDouble(String key) {
    Entry e = require(key);
    return switch (e.type()) {
      case FLOAT32 -> (Float) e.value();
      case FLOAT64 -> (Double) e.value();
      case UINT64 -> GgufArray.unsignedToDouble((Long) e.value());
      default -> {
        if (e.type().isInteger()) {
          yield (Long) e.value();
        }
        throw wrongType(key, e, "a number");
      }
    };
  }

  /// The value of a float key, or `defaultValue` when absent.
  public double getDouble(String key, double defaultValue) {
    return contains(key) ? getDouble(key) : defaultValue;
  }

  /// The value of a float key checked to be finite and within `[min, max]`.
  ///
  /// @throws GgufFormatException if absent, not a number or out of range
  public double getDouble(String key, double min, double max) {
    double v = getDouble(key);
    if (!(v >= min && v <= max)) {
      throw new GgufFormatException("key-out-of-range", offsetOf(key),
          "key " + key + " = " + v + " is outside [" + min + ", " + max + "]");
    }
    return v;
  }

  /// The value of a bool key.
  ///
  /// @throws GgufFormatException if absent or not a bool
  public boolean getBool(String key) {
    Entry e = require(key);
    if (e.type() != GgufValueType.BOOL) {
      throw wrongType(key, e, "BOOL");
    }
    return (Boolean) e.value();
  }

  /// The value of a bool key, or `defaultValue` when absent.
  public boolean getBool(String key, boolean defaultValue) {
    return contains(key) ? getBool(key) : defaultValue;
  }

  /// The array value of `key` (no copy; arrays are immutable).
  ///
  /// @throws GgufFormatException if absent or not an array
  public GgufArray getArray(String key) {
    Entry e = require(key);
    if (!(e.value() instanceof GgufArray a)) {
      throw wrongType(key, e, "an array");
    }
    return a;
  }

  /// The array value of `key` if present.
  ///
  /// @throws GgufFormatException if present but not an array
  public Optional<GgufArray> findArray(String key) {
    return contains(key) ? Optional.of(getArray(key)) : Optional.empty();
  }

  /// A copy of a string array.
  ///
  /// @throws GgufFormatException if absent or not an array of strings
  public String[] getStringArray(String key) {
    GgufArray a = getArray(key);
    if (a.elementType() != GgufValueType.STRING) {
      throw wrongType(key, require(key), "ARRAY<STRING>");
    }
    return ((String[]) a.raw()).clone();
  }

  /// A copy of a float array (FLOAT32; FLOAT64 narrowed).
  ///
  /// @throws GgufFormatException if absent or not a float array
  public float[] getFloatArray(String key) {
    GgufArray a = getArray(key);
    if (a.raw() instanceof float[] f) {
      return f.clone();
    }
    if (a.raw() instanceof double[] d) {
      float[] out = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        out[i] = (float) d[i];
      }
      return out;
    }
    throw wrongType(key, require(key), "ARRAY<FLOAT32>");
  }

  /// A copy of an integer array as `int[]` (any integer element type whose values fit in an int).
  ///
  /// @throws GgufFormatException if absent, not an integer array (`key-wrong-type`) or holding a
  ///     value outside the int range (`key-out-of-range`)
  public int[] getIntArray(String key) {
    GgufArray a = getArray(key);
    if (a.raw() instanceof int[] ints && a.elementType() == GgufValueType.INT32) {
      return ints.clone();
    }
    if (!a.elementType().isInteger()) {
      throw wrongType(key, require(key), "an integer array");
    }
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      long v = a.getLong(i);
      if (v != (int) v || (a.elementType() == GgufValueType.UINT64 && v < 0)) {
        throw new GgufFormatException("key-out-of-range", offsetOf(key),
            "key " + key + "[" + i + "] = " + (a.elementType() == GgufValueType.UINT64
                ? Long.toUnsignedString(v) : Long.toString(v)) + " does not fit in an int");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /// `general.architecture`.
  ///
  /// @throws GgufFormatException if absent or not a string
  public String architecture() {
    return getString("general.architecture");
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GgufMetadata m) || m.entries.size() != entries.size()) {
      return false;
    }
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry other = m.entries.get(e.getKey());
      if (other == null || other.type() != e.getValue().type()
          || !Objects.equals(other.value(), e.getValue().value())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return entries.keySet().hashCode();
  }

  @Override
  public String toString() {
    return "GgufMetadata" + entries.keySet();
  }
}
