package io.nootropic.inference.gguf;

import java.util.Arrays;
import java.util.Objects;

/// An immutable GGUF metadata array: one element type (never another array) and its values,
/// stored compactly (a primitive array per type, `String[]` for strings).
public final class GgufArray {

  private final GgufValueType elementType;
  private final Object values;
  private final int size;

  private GgufArray(GgufValueType elementType, Object values, int size) {
    this.elementType = elementType;
    this.values = values;
    this.size = size;
  }

  /// Wraps `values` without copying; the caller must not modify it afterwards. The array class
  /// must match the element type: `byte[]` for UINT8/INT8, `boolean[]` for BOOL, `short[]` for
  /// UINT16/INT16, `int[]` for UINT32/INT32, `long[]` for UINT64/INT64, `float[]` for FLOAT32,
  /// `double[]` for FLOAT64, `String[]` (no nulls) for STRING.
  ///
  /// @throws IllegalArgumentException if the array class does not match or the type is ARRAY
  public static GgufArray wrap(GgufValueType elementType, Object values) {
    Objects.requireNonNull(elementType, "elementType");
    Objects.requireNonNull(values, "values");
    boolean ok = switch (elementType) {
      case UINT8, INT8 -> values instanceof byte[];
      case BOOL -> values instanceof boolean[];
      case UINT16, INT16 -> values instanceof short[];
      case UINT32, INT32 -> values instanceof int[];
      case UINT64, INT64 -> values instanceof long[];
      case FLOAT32 -> values instanceof float[];
      case FLOAT64 -> values instanceof double[];
      case STRING -> values instanceof String[] s && Arrays.stream(s).allMatch(Objects::nonNull);
      case ARRAY -> false;
    };
    if (!ok) {
      throw new IllegalArgumentException(
          "a GGUF " + elementType + " array cannot hold " + values.getClass().getSimpleName());
    }
    return new GgufArray(elementType, values, java.lang.reflect.Array.getLength(values));
  }

  /// A copy of `values` as a GGUF array of `elementType`; see [#wrap].
  public static GgufArray of(GgufValueType elementType, Object values) {
    Objects.requireNonNull(values, "values");
    Object copy = switch (values) {
      case byte[] a -> a.clone();
      case boolean[] a -> a.clone();
      case short[] a -> a.clone();
      case int[] a -> a.clone();
      case long[] a -> a.clone();
      case float[] a -> a.clone();
      case double[] a -> a.clone();
      case String[] a -> a.clone();
      default -> values;
    };
    return wrap(elementType, copy);
  }

  /// A string array.
  public static GgufArray ofStrings(String... values) {
    return of(GgufValueType.STRING, values);
  }

  /// A float32 array.
  public static GgufArray ofFloats(float... values) {
    return of(GgufValueType.FLOAT32, values);
  }

  /// An int32 array.
  public static GgufArray ofInts(int... values) {
    return of(GgufValueType.INT32, values);
  }

  /// The element type.
  public GgufValueType elementType() {
    return elementType;
  }

  /// Number of elements.
  public int size() {
    return size;
  }

  /// Element `i` as a long (integer and bool arrays; unsigned types are zero-extended, UINT64 is
  /// returned bit for bit).
  ///
  /// @throws IllegalStateException if the elements are not integers or booleans
  public long getLong(int i) {
    return switch (elementType) {
      case UINT8 -> Byte.toUnsignedLong(((byte[]) values)[i]);
      case INT8 -> ((byte[]) values)[i];
      case UINT16 -> Short.toUnsignedLong(((short[]) values)[i]);
      case INT16 -> ((short[]) values)[i];
      case UINT32 -> Integer.toUnsignedLong(((int[]) values)[i]);
      case INT32 -> ((int[]) values)[i];
      case UINT64, INT64 -> ((long[]) values)[i];
      case BOOL -> ((boolean[]) values)[i] ? 1 : 0;
      default -> throw new IllegalStateException(elementType + " array has no integer elements");
    };
  }

  /// Element `i` as a double (float and integer arrays).
  ///
  /// @throws IllegalStateException for string and bool arrays
  public double getDouble(int i) {
    return switch (elementType) {
      case FLOAT32 -> ((float[]) values)[i];
      case FLOAT64 -> ((double[]) values)[i];
      case UINT64 -> unsignedToDouble(((long[]) values)[i]);
      case STRING, BOOL, ARRAY -> throw new IllegalStateException(elementType + " array has no numeric elements");
      default -> getLong(i);
    };
  }

  static double unsignedToDouble(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }

  /// Element `i` of a string array.
  ///
  /// @throws IllegalStateException if this is not a string array
  public String getString(int i) {
    if (elementType != GgufValueType.STRING) {
      throw new IllegalStateException(elementType + " array has no string elements");
    }
    return ((String[]) values)[i];
  }

  /// Element `i` as a boxed value of the kind [GgufMetadata#get] returns (Long, Double, Boolean, String).
  public Object get(int i) {
    return switch (elementType) {
      case STRING -> getString(i);
      case BOOL -> ((boolean[]) values)[i];
      case FLOAT32, FLOAT64 -> getDouble(i);
      default -> getLong(i);
    };
  }

  /// A copy of the backing primitive (or `String[]`) array.
  public Object toArray() {
    return switch (values) {
      case byte[] a -> a.clone();
      case boolean[] a -> a.clone();
      case short[] a -> a.clone();
      case int[] a -> a.clone();
      case long[] a -> a.clone();
      case float[] a -> a.clone();
      case double[] a -> a.clone();
      case String[] a -> a.clone();
      default -> throw new IllegalStateException();
    };
  }

  /// The backing array itself, for zero-copy use inside this package and the writer.
  Object raw() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GgufArray a && a.elementType == elementType
        && Objects.deepEquals(values, a.values);
  }

  @Override
  public int hashCode() {
    return elementType.hashCode() * 31 + size;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(elementType.name()).append('[').append(size).append("] [");
    int shown = Math.min(size, 8);
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Object v = get(i);
      sb.append(v instanceof String s ? '"' + s + '"' : v);
    }
    if (size > shown) {
      sb.append(", ...");
    }
    return sb.append(']').toString();
  }
}
