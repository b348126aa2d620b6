package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;
import java.util.Random;

/// Random but valid tensors of every format: random quant bytes, with every f16 scale field set
/// to a small finite value (so values stay in a realistic range).
final class RandomTensors {

  private RandomTensors() { }

  /// ggml ids of every supported type.
  static final int[] TYPES = {0, 1, 30, 8, 2, 3, 6, 7, 12, 13, 14};

  static int blockSize(int type) {
    return switch (type) {
      case 0, 1, 30 -> 1;
      case 2, 3, 6, 7, 8 -> 32;
      default -> 256;
    };
  }

  static int typeSize(int type) {
    return switch (type) {
      case 0 -> 4;
      case 1, 30 -> 2;
      case 2 -> 18;
      case 3 -> 20;
      case 6 -> 22;
      case 7 -> 24;
      case 8 -> 34;
      case 12 -> 144;
      case 13 -> 176;
      case 14 -> 210;
      default -> throw new IllegalArgumentException();
    };
  }

  /// Byte offsets (within a block) of the f16 scale fields.
  static int[] halfFields(int type) {
    return switch (type) {
      case 2, 6, 8 -> new int[] {0};
      case 3, 7, 12, 13 -> new int[] {0, 2};
      case 14 -> new int[] {208};
      default -> new int[0];
    };
  }

  static WeightTensor create(int type, int rows, int cols, Random rnd) {
    int blocks = rows * (cols / blockSize(type));
    int ts = typeSize(type);
    byte[] bytes = new byte[blocks * ts];
    rnd.nextBytes(bytes);
    MemorySegment seg = MemorySegment.ofArray(bytes);
    for (int b = 0; b < blocks; b++) {
      long base = (long) b * ts;
      switch (type) {
        case 0 -> seg.set(WeightTensor.FLOAT_LE, base, (float) rnd.nextGaussian());
        case 1 -> seg.set(WeightTensor.SHORT_LE, base, Float.floatToFloat16((float) rnd.nextGaussian()));
        case 30 -> seg.set(WeightTensor.SHORT_LE, base,
            (short) (Float.floatToRawIntBits((float) rnd.nextGaussian()) >>> 16));
        default -> {
          for (int off : halfFields(type)) {
            float scale = (float) ((rnd.nextDouble() * 2 - 1) * 0.05);
            seg.set(WeightTensor.SHORT_LE, base + off, Float.floatToFloat16(scale));
          }
        }
      }
    }
    return WeightTensors.create(type, seg, rows, cols);
  }

  static float[] gaussian(int n, Random rnd) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    return x;
  }
}
