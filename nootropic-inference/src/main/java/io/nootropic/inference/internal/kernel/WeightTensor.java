package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/// A weight matrix in one ggml storage format, read in place from a (mapped) [MemorySegment].
///
/// Shape `(rows, cols)`: ggml's `ne1 = rows`, `ne0 = cols`; each row is `cols / blockSize`
/// consecutive blocks of `typeSize` bytes. Subclasses (one per format) implement the exact scalar
/// dequantization of the ggml block layout and may override the fused Vector API dot product.
///
/// Every product comes in two versions: `...Scalar` (dequantize, then a sequential float sum: the
/// test oracle and the fallback) and `...Vector` (Vector API); the unsuffixed methods pick one by
/// [VectorizationProvider#ENABLED]. Activations stay `float` (no Q8 activation quantization), so the
/// two versions differ only by float summation order.
public abstract class WeightTensor {

  /// Little-endian unaligned layouts used by every format.
  static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /// Batches at least this large use dequantize-once tiled products instead of fused dots.
  static final int TILE_MIN_BATCH = 8;
  /// Rows dequantized at once by the tiled product.
  static final int ROW_BLOCK = 16;
  /// Tokens swept per row block by the tiled product.
  static final int TOKEN_BLOCK = 16;

  /// The raw bytes, `rows * rowBytes` long.
  protected final MemorySegment data;
  /// Number of rows (output features).
  public final int rows;
  /// Number of columns (input features), a multiple of the block size.
  public final int cols;
  /// Bytes per row.
  public final long rowBytes;

  /// Checks the shape against the format and the segment size.
  protected WeightTensor(MemorySegment data, long rows, long cols, int blockSize, int typeSize) {
    if (rows < 1 || rows > Integer.MAX_VALUE || cols < 1 || cols > (1 << 24)) {
      throw new IllegalArgumentException("unsupported " + type() + " tensor shape " + cols + "x" + rows);
    }
    if (cols % blockSize != 0) {
      throw new IllegalArgumentException(type() + " row length " + cols + " is not a multiple of " + blockSize);
    }
    this.rows = (int) rows;
    this.cols = (int) cols;
    this.rowBytes = cols / blockSize * typeSize;
    long need = Math.multiplyExact(rowBytes, rows);
    if (data.byteSize() != need) {
      throw new IllegalArgumentException(type() + " tensor " + cols + "x" + rows + " needs " + need
          + " bytes, segment has " + data.byteSize());
    }
    this.data = data;
  }

  /// The ggml name of the format (`Q4_0`, `F16`, ...).
  public abstract String type();

  /// Writes the `cols` values of `row` into `out[off..]`, following the ggml layout exactly.
  public abstract void dequantizeRow(int row, float[] out, int off);

  /// Vector API version of [#dequantizeRow]; must produce the same values bit for bit.
  /// Formats without a vectorised dequantization inherit the scalar one.
  public void dequantizeRowVector(int row, float[] out, int off) {
    dequantizeRow(row, out, off);
  }

  /// One element (slow; for tests and tools).
  public float get(int row, int col) {
    float[] tmp = new float[cols];
    dequantizeRow(row, tmp, 0);
    return tmp[col];
  }

  /// Dot product of `row` with `x[xOff .. xOff+cols)`; `scratch` holds at least `cols` floats.
  public final float dot(int row, float[] x, int xOff, float[] scratch) {
    return VectorizationProvider.ENABLED ? dotVector(row, x, xOff, scratch) : dotScalar(row, x, xOff, scratch);
  }

  /// Oracle: dequantize the row, then sum sequentially in float.
  public float dotScalar(int row, float[] x, int xOff, float[] scratch) {
    dequantizeRow(row, scratch, 0);
    return FloatOps.dotScalar(scratch, 0, x, xOff, cols);
  }

  /// Vector API dot product (default: vector dequantization, then a vector dot); formats override
  /// with fused kernels.
  public float dotVector(int row, float[] x, int xOff, float[] scratch) {
    dequantizeRowVector(row, scratch, 0);
    return FloatOps.dotVector(scratch, 0, x, xOff, cols);
  }

  /// Matrix-vector product for rows `[from, to)`: `out[outOff + r] = dot(row r, x[xOff..])`.
  public final void matvec(float[] x, int xOff, float[] out, int outOff, int from, int to, float[] scratch) {
    if (VectorizationProvider.ENABLED) {
      prepare(x, xOff, scratch, 0);
      for (int r = from; r < to; r++) {
        out[outOff + r] = dotPrepared(r, x, xOff, scratch, 0);
      }
    } else {
      for (int r = from; r < to; r++) {
        out[outOff + r] = dotScalar(r, x, xOff, scratch);
      }
    }
  }

  /// Floats of per-activation data [#prepare] writes (0 for formats that need none).
  protected int preparedSize() {
    return 0;
  }

  /// Precomputes data that every row's fused dot with `x[xOff .. xOff+cols)` shares (such as
  /// sub-block sums of `x`) into `scratch[sOff .. sOff + preparedSize())`. Called once per activation
  /// row before [#dotPrepared]; the default does nothing.
  protected void prepare(float[] x, int xOff, float[] scratch, int sOff) {
  }

  /// [#dotVector] given what [#prepare] left at `scratch[sOff..]`; must return exactly what
  /// [#dotVector] returns. The default ignores the prepared data.
  protected float dotPrepared(int row, float[] x, int xOff, float[] scratch, int sOff) {
    return dotVector(row, x, xOff, scratch);
  }

  /// Matrix-matrix product for rows `[from, to)` with a batch of `batch` activation rows
  /// (`x` is `batch x cols`): `out[b * outStride + r] = dot(row r, x[b])`.
  /// `scratch` holds at least [#scratchSize] floats.
  public final void matmul(float[] x, int batch, float[] out, int outStride, int from, int to, float[] scratch) {
    if (VectorizationProvider.ENABLED) {
      matmulVector(x, batch, out, outStride, from, to, scratch);
    } else {
      matmulScalar(x, batch, out, outStride, from, to, scratch);
    }
  }

  /// Oracle of [#matmul].
  public void matmulScalar(float[] x, int batch, float[] out, int outStride, int from, int to, float[] scratch) {
    for (int r = from; r < to; r++) {
      dequantizeRow(r, scratch, 0);
      for (int b = 0; b < batch; b++) {
        out[b * outStride + r] = FloatOps.dotScalar(scratch, 0, x, b * cols, cols);
      }
    }
  }

  /// Vector API [#matmul]: small batches use fused dots; larger ones dequantize a block of 16 rows
  /// once into `scratch` and sweep the batch in blocks of 16 tokens with a 4x4 register tile, so the
  /// dequantization is amortised over the batch and both operands stay in L2.
  public void matmulVector(float[] x, int batch, float[] out, int outStride, int from, int to, float[] scratch) {
    if (batch < TILE_MIN_BATCH) {
      int p = preparedSize();
      for (int b = 0; b < batch; b++) {
        prepare(x, b * cols, scratch, b * p);
      }
      for (int r = from; r < to; r++) {
        for (int b = 0; b < batch; b++) {
          out[b * outStride + r] = dotPrepared(r, x, b * cols, scratch, b * p);
        }
      }
      return;
    }
    for (int r0 = from; r0 < to; r0 += ROW_BLOCK) {
      int nr = Math.min(ROW_BLOCK, to - r0);
      for (int i = 0; i < nr; i++) {
        dequantizeRowVector(r0 + i, scratch, i * cols);
      }
      for (int b0 = 0; b0 < batch; b0 += TOKEN_BLOCK) {
        int b1 = Math.min(batch, b0 + TOKEN_BLOCK);
        for (int i = 0; i < nr; i += 4) {
          FloatOps.gemmRows(scratch, i * cols, Math.min(4, nr - i), cols, x, b0, b1, out, outStride, r0 + i);
        }
      }
    }
  }

  /// Floats of scratch space [#matmul] and [#dot] need per thread. Prepared data (at most
  /// `TILE_MIN_BATCH * preparedSize()` floats) and row dequantization both start at 0.
  public int scratchSize() {
    return ROW_BLOCK * cols;
  }

  /// Where a fused dot may keep up to `cols / 16` floats of its own in scratch: past the prepared
  /// data of a full small batch.
  protected final int fusedScratch() {
    return TILE_MIN_BATCH * preparedSize();
  }

  /// Little-endian half-precision float at byte offset `off`.
  final float half(long off) {
    return Float.float16ToFloat(data.get(SHORT_LE, off));
  }

  final int ubyte(long off) {
    return data.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
  }
}
