package io.nootropic.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// GgmlType ids and block layouts as ggml defines them (block structs of ggml-common.h).
class GgmlTypeTest {

  @ParameterizedTest
  @CsvSource({
      "F32, 0, 1, 4", "F16, 1, 1, 2", "Q4_0, 2, 32, 18", "Q4_1, 3, 32, 20", "Q5_0, 6, 32, 22",
      "Q5_1, 7, 32, 24", "Q8_0, 8, 32, 34", "Q8_1, 9, 32, 36", "Q2_K, 10, 256, 84", "Q3_K, 11, 256, 110",
      "Q4_K, 12, 256, 144", "Q5_K, 13, 256, 176", "Q6_K, 14, 256, 210", "Q8_K, 15, 256, 292",
      "IQ2_XXS, 16, 256, 66", "IQ2_XS, 17, 256, 74", "IQ3_XXS, 18, 256, 98", "IQ1_S, 19, 256, 50",
      "IQ4_NL, 20, 32, 18", "IQ3_S, 21, 256, 110", "IQ2_S, 22, 256, 82", "IQ4_XS, 23, 256, 136",
      "I8, 24, 1, 1", "I16, 25, 1, 2", "I32, 26, 1, 4", "I64, 27, 1, 8", "F64, 28, 1, 8",
      "IQ1_M, 29, 256, 56", "BF16, 30, 1, 2", "TQ1_0, 34, 256, 54", "TQ2_0, 35, 256, 66",
  })
  void layoutsMatchGgml(String name, int id, int block, int size) {
    GgmlType t = GgmlType.forId(id);
    assertThat(t.name()).isEqualTo(name);
    assertThat(t.blockSize()).isEqualTo(block);
    assertThat(t.typeSize()).isEqualTo(size);
    assertThat(GgmlType.forName(name.toLowerCase(java.util.Locale.ROOT))).isEqualTo(t);
  }

  @Test
  void removedAndUnknownIdsAreRefused() {
    for (int id : new int[] {-1, 4, 5, 31, 32, 33, 36, 37, 38, 40, 1 << 20}) {
      assertThat(GgmlType.isKnown(id)).isFalse();
      assertThatThrownBy(() -> GgmlType.forId(id)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void byteSizeChecksMultiplesAndOverflow() {
    assertThat(GgmlType.Q4_0.byteSize(64)).isEqualTo(36);
    assertThat(GgmlType.Q6_K.byteSize(512)).isEqualTo(420);
    assertThat(GgmlType.F32.byteSize(0)).isZero();
    assertThatThrownBy(() -> GgmlType.Q4_0.byteSize(33)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GgmlType.F32.byteSize(-4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GgmlType.F64.byteSize(Long.MAX_VALUE / 4)).isInstanceOf(ArithmeticException.class);
  }
}
