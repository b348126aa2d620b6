package io.nootropic.inference.gguf;

/// The tensor element types of ggml, with their GGUF type id, block size (elements per block) and
/// type size (bytes per block). Sizes follow ggml's block layouts; only the sizes live here, the
/// kernels are elsewhere.
public enum GgmlType {
  /// 32-bit IEEE float.
  F32(0, 1, 4),
  /// 16-bit IEEE half float.
  F16(1, 1, 2),
  /// 4-bit blocks of 32 with an f16 scale.
  Q4_0(2, 32, 18),
  /// 4-bit blocks of 32 with f16 scale and minimum.
  Q4_1(3, 32, 20),
  /// 5-bit blocks of 32 with an f16 scale.
  Q5_0(6, 32, 22),
  /// 5-bit blocks of 32 with f16 scale and minimum.
  Q5_1(7, 32, 24),
  /// 8-bit blocks of 32 with an f16 scale.
  Q8_0(8, 32, 34),
  /// 8-bit blocks of 32 with f16 scale and sum.
  Q8_1(9, 32, 36),
  /// 2-bit k-quant super-blocks of 256.
  Q2_K(10, 256, 84),
  /// 3-bit k-quant super-blocks of 256.
  Q3_K(11, 256, 110),
  /// 4-bit k-quant super-blocks of 256.
  Q4_K(12, 256, 144),
  /// 5-bit k-quant super-blocks of 256.
  Q5_K(13, 256, 176),
  /// 6-bit k-quant super-blocks of 256.
  Q6_K(14, 256, 210),
  /// 8-bit k-quant super-blocks of 256 (activations).
  Q8_K(15, 256, 292),
  /// i-quant, 2.06 bits per weight.
  IQ2_XXS(16, 256, 66),
  /// i-quant, 2.31 bits per weight.
  IQ2_XS(17, 256, 74),
  /// i-quant, 3.06 bits per weight.
  IQ3_XXS(18, 256, 98),
  /// i-quant, 1.56 bits per weight.
  IQ1_S(19, 256, 50),
  /// non-linear 4-bit blocks of 32.
  IQ4_NL(20, 32, 18),
  /// i-quant, 3.44 bits per weight.
  IQ3_S(21, 256, 110),
  /// i-quant, 2.5 bits per weight.
  IQ2_S(22, 256, 82),
  /// non-linear 4-bit super-blocks of 256.
  IQ4_XS(23, 256, 136),
  /// 8-bit integer.
  I8(24, 1, 1),
  /// 16-bit integer.
  I16(25, 1, 2),
  /// 32-bit integer.
  I32(26, 1, 4),
  /// 64-bit integer.
  I64(27, 1, 8),
  /// 64-bit IEEE float.
  F64(28, 1, 8),
  /// i-quant, 1.75 bits per weight.
  IQ1_M(29, 256, 56),
  /// bfloat16.
  BF16(30, 1, 2),
  /// ternary, 1.69 bits per weight.
  TQ1_0(34, 256, 54),
  /// ternary, 2.06 bits per weight.
  TQ2_0(35, 256, 66),
  /// microscaling FP4 blocks of 32 with an E8M0 scale.
  MXFP4(39, 32, 17);

  private static final GgmlType[] BY_ID = new GgmlType[40];

  static {
    for (GgmlType t : values()) {
      BY_ID[t.id] = t;
    }
  }

  private final int id;
  private final int blockSize;
  private final int typeSize;

  GgmlType(int id, int blockSize, int typeSize) {
    this.id = id;
    this.blockSize = blockSize;
    this.typeSize = typeSize;
  }

  /// The type id stored in GGUF tensor infos.
  public int id() {
    return id;
  }

  /// Elements per block.
  public int blockSize() {
    return blockSize;
  }

  /// Bytes per block.
  public int typeSize() {
    return typeSize;
  }

  /// Whether `id` names a known type.
  public static boolean isKnown(long id) {
    return id >= 0 && id < BY_ID.length && BY_ID[(int) id] != null;
  }

  /// The type with GGUF id `id`.
  ///
  /// @throws IllegalArgumentException for unknown or removed ids
  public static GgmlType forId(int id) {
    if (!isKnown(id)) {
      throw new IllegalArgumentException("unknown ggml type id " + id);
    }
    return BY_ID[id];
  }

  /// The type with this (case-insensitive) name, e.g. `q4_0`, `Q4_K`, `f16`.
  ///
  /// @throws IllegalArgumentException for unknown names
  public static GgmlType forName(String name) {
    for (GgmlType t : values()) {
      if (t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown ggml type " + name);
  }

  /// Bytes needed by `elements` elements of this type.
  ///
  /// @throws IllegalArgumentException if `elements` is negative or not a multiple of the block size
  /// @throws ArithmeticException if the size overflows a long
  public long byteSize(long elements) {
    if (elements < 0) {
      throw new IllegalArgumentException("negative element count " + elements);
    }
    if (elements % blockSize != 0) {
      throw new IllegalArgumentException(
          elements + " elements is not a multiple of the " + name() + " block size " + blockSize);
    }
    return Math.multiplyExact(elements / blockSize, (long) typeSize);
  }
}
