package io.nootropic.inference.gguf;

/// The metadata value types of GGUF with their on-disk ids.
public enum GgufValueType {
  /// Unsigned 8-bit integer.
  UINT8(0, 1),
  /// Signed 8-bit integer.
  INT8(1, 1),
  /// Unsigned 16-bit integer.
  UINT16(2, 2),
  /// Signed 16-bit integer.
  INT16(3, 2),
  /// Unsigned 32-bit integer.
  UINT32(4, 4),
  /// Signed 32-bit integer.
  INT32(5, 4),
  /// 32-bit float.
  FLOAT32(6, 4),
  /// Boolean stored as one byte, 0 or 1.
  BOOL(7, 1),
  /// UTF-8 string: a uint64 length then the bytes.
  STRING(8, 8),
  /// Array: element type (uint32), count (uint64), then the elements.
  ARRAY(9, 12),
  /// Unsigned 64-bit integer.
  UINT64(10, 8),
  /// Signed 64-bit integer.
  INT64(11, 8),
  /// 64-bit float.
  FLOAT64(12, 8);

  private static final GgufValueType[] BY_ID = values();

  private final int id;
  private final int minSize;

  GgufValueType(int id, int minSize) {
    this.id = id;
    this.minSize = minSize;
  }

  /// The id stored in the file.
  public int id() {
    return id;
  }

  /// The fewest bytes one value of this type occupies in a file (its exact size for numbers).
  public int minSize() {
    return minSize;
  }

  /// Whether this is one of the eight integer types.
  public boolean isInteger() {
    return switch (this) {
      case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
      default -> false;
    };
  }

  /// Whether this is FLOAT32 or FLOAT64.
  public boolean isFloat() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /// Whether `id` names a known type.
  public static boolean isKnown(long id) {
    return id >= 0 && id < BY_ID.length;
  }

  /// The type with this id.
  ///
  /// @throws IllegalArgumentException for unknown ids
  public static GgufValueType forId(int id) {
    if (!isKnown(id)) {
      throw new IllegalArgumentException("unknown GGUF value type id " + id);
    }
    return BY_ID[id];
  }
}
