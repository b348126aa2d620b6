package io.nootropic.inference.internal.kernel;

import java.lang.foreign.MemorySegment;

/// Creates the [WeightTensor] for a ggml type id.
public final class WeightTensors {

  private WeightTensors() { }

  /// Whether the ggml type id has a kernel here.
  public static boolean supports(int ggmlTypeId) {
    return switch (ggmlTypeId) {
      case 0, 1, 2, 3, 6, 7, 8, 12, 13, 14, 30 -> true;
      default -> false;
    };
  }

  /// Wraps `data` as a `rows x cols` matrix of ggml type `ggmlTypeId`
  /// (F32 0, F16 1, Q4_0 2, Q4_1 3, Q5_0 6, Q5_1 7, Q8_0 8, Q4_K 12, Q5_K 13, Q6_K 14, BF16 30).
  ///
  /// @throws IllegalArgumentException for other types, or when the shape does not fit the format
  ///     or the segment size
  public static WeightTensor create(int ggmlTypeId, MemorySegment data, long rows, long cols) {
    return switch (ggmlTypeId) {
      case 0 -> new F32Tensor(data, rows, cols);
      case 1 -> new F16Tensor(data, rows, cols);
      case 2 -> new Q4_0Tensor(data, rows, cols);
      case 3 -> new Q4_1Tensor(data, rows, cols);
      case 6 -> new Q5_0Tensor(data, rows, cols);
      case 7 -> new Q5_1Tensor(data, rows, cols);
      case 8 -> new Q8_0Tensor(data, rows, cols);
      case 12 -> new Q4_KTensor(data, rows, cols);
      case 13 -> new Q5_KTensor(data, rows, cols);
      case 14 -> new Q6_KTensor(data, rows, cols);
      case 30 -> new BF16Tensor(data, rows, cols);
      default -> throw new IllegalArgumentException("no kernel for ggml type id " + ggmlTypeId);
    };
  }
}
