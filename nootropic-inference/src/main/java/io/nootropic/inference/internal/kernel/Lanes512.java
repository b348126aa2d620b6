package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// Shared 512-bit pieces of the vectorised dequantizations: 16 lanes of 32 bits, one lane per
/// packed byte or 16-bit value. Used only when [VectorizationProvider#BIT_SIZE] is 512.
final class Lanes512 {

  static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
  static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
  static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
  static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
  /// Lane `i` holds `i`.
  static final IntVector IOTA = IntVector.zero(I).addIndex(1);
  /// Lane `i` holds `i + 16`.
  static final IntVector IOTA_16 = IOTA.add(16);

  private Lanes512() { }

  /// The 16 bytes at `off`, zero-extended to 16 int lanes.
  static IntVector bytes(MemorySegment w, long off) {
    return (IntVector) ByteVector.fromMemorySegment(B, w, off, ByteOrder.LITTLE_ENDIAN)
        .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
  }

  /// The 16 little-endian 16-bit values at `off`, zero-extended to 16 int lanes.
  static IntVector shorts(MemorySegment w, long off) {
    return (IntVector) ShortVector.fromMemorySegment(S, w, off, ByteOrder.LITTLE_ENDIAN)
        .convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 0);
  }

  /// Lane `i`: bit `i + shift` of `bits`, moved to bit 4 (the fifth bit of a 5-bit quant).
  static IntVector fifthBits(int bits, IntVector shift) {
    return IntVector.broadcast(I, bits).lanewise(VectorOperators.LSHR, shift).and(1).lanewise(VectorOperators.LSHL, 4);
  }

  /// Int lanes as floats (exact for the small integers of quants).
  static FloatVector floats(IntVector v) {
    return (FloatVector) v.convert(VectorOperators.I2F, 0);
  }
}
