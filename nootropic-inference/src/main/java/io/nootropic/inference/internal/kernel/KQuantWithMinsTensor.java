package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;

/// The K-quant formats whose 256-element super-blocks carry a scale and a min per 32-element
/// sub-block (`Q4_K`, `Q5_K`): `value = d * sc * q - dmin * m`.
///
/// Their fused 512-bit dots share one preparation: per super-block 16 floats, eight zeros and then
/// the sums of `x` over the eight sub-blocks, which the mins multiply and which are the same for
/// every row. The vector of decoded scales (lanes 0-7) and mins (lanes 8-15) of a super-block meets
/// them in one fused multiply-add.
abstract class KQuantWithMinsTensor extends WeightTensor {

  static final int BLOCK = 256;

  KQuantWithMinsTensor(MemorySegment data, long rows, long cols, int typeSize) {
    super(data, rows, cols, BLOCK, typeSize);
  }

  /// The 512-bit fused dot of `row` with `x[xOff..]`, the sub-block sums prepared at
  /// `scratch[sOff..]`; it may use `scratch` from [#fusedScratch] on.
  abstract float fusedDot(int row, float[] x, int xOff, float[] scratch, int sOff);

  @Override
  public final float dotVector(int row, float[] x, int xOff, float[] scratch) {
    if (VectorizationProvider.BIT_SIZE != 512) {
      return super.dotVector(row, x, xOff, scratch);
    }
    prepare(x, xOff, scratch, 0);
    return fusedDot(row, x, xOff, scratch, 0);
  }

  @Override
  protected final int preparedSize() {
    return VectorizationProvider.BIT_SIZE == 512 ? cols / BLOCK * 16 : 0;
  }

  @Override
  protected final void prepare(float[] x, int xOff, float[] scratch, int sOff) {
    if (VectorizationProvider.BIT_SIZE == 512) {
      Q4_KTensor.Simd.subBlockSums(x, xOff, cols / BLOCK, scratch, sOff);
    }
  }

  @Override
  protected final float dotPrepared(int row, float[] x, int xOff, float[] scratch, int sOff) {
    if (VectorizationProvider.BIT_SIZE != 512) {
      return super.dotVector(row, x, xOff, scratch);
    }
    return fusedDot(row, x, xOff, scratch, sOff);
  }
}
