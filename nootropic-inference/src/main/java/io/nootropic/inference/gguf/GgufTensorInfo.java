package io.nootropic.inference.gguf;

import java.util.Arrays;

/// One tensor of a GGUF file: its name, shape (`ne0` first, ggml order), element type, offset
/// relative to the start of the data section, and size in bytes. The shape array is copied in and
/// out, so instances are immutable.
///
/// @param name     tensor name, e.g. `blk.0.attn_q.weight`
/// @param shape    dimensions, fastest-varying first
/// @param type     element type
/// @param offset   offset of the first byte relative to the data section
/// @param byteSize size in bytes
public record GgufTensorInfo(String name, long[] shape, GgmlType type, long offset, long byteSize) {

  /// Copies the shape.
  public GgufTensorInfo {
    shape = shape.clone();
  }

  /// A copy of the shape.
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /// Number of dimensions.
  public int rank() {
    return shape.length;
  }

  /// Dimension `i` (0 is the fastest-varying).
  public long dim(int i) {
    return shape[i];
  }

  /// Product of the dimensions.
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GgufTensorInfo t && name.equals(t.name) && Arrays.equals(shape, t.shape)
        && type == t.type && offset == t.offset && byteSize == t.byteSize;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + type + " " + Arrays.toString(shape) + " @" + offset + " (" + byteSize + " bytes)";
  }
}
