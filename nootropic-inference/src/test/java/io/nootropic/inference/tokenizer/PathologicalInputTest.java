package io.nootropic.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/// Inputs that make naive backtracking pre-tokenizers or merge loops blow up: long blank runs,
/// one huge word, long digit runs, many special-token look-alikes. Each tokenizer must finish
/// (the generous timeout only guards against a hang) and, where lossless, round-trip.
class PathologicalInputTest {

  static List<String> suites() throws IOException {
    return SharedVocabs.suites();
  }

  private static final List<String> INPUTS = List.of(
      " ".repeat(50_000) + "x",
      "a" + " ".repeat(50_000) + "b",
      "\n".repeat(20_000),
      " \t".repeat(20_000) + "\n",
      "a".repeat(50_000),
      "7".repeat(30_000),
      "😀".repeat(10_000),
      "<|".repeat(20_000) + "<s>".repeat(5_000),
      "'s".repeat(20_000));

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void finishesAndRoundTrips(String suite) {
    Tokenizer t = SharedVocabs.tokenizer(suite);
    boolean lossless = !suite.contains("bert") && !suite.contains("falcon");
    for (String input : INPUTS) {
      int[] ids = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> t.encode(input, true, true));
      assertThat(ids).isNotEmpty();
      assertThat(java.util.Arrays.stream(ids).min().orElseThrow()).isNotNegative();
      assertThat(java.util.Arrays.stream(ids).max().orElseThrow()).isLessThan(t.vocabSize());
      if (lossless) {
        String plain = input.replace("<s>", "");
        assertThat(t.decode(t.encode(plain))).as("%s on %.20s...", suite, plain).isEqualTo(plain);
      }
    }
  }
}
