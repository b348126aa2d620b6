package io.nootropic.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/// llama.cpp's own tokenizer suites (`tests/test-tokenizer-0` inputs and expected ids, run with
/// `add_special = false, parse_special = false`): every case of every suite must match exactly.
class LlamaCppVocabSuiteTest {

  static List<String> suites() throws IOException {
    return SharedVocabs.suites();
  }

  /// Suites whose tokenizer is lossless on these inputs (WordPiece lower-cases and strips accents).
  static List<String> losslessSuites() throws IOException {
    return SharedVocabs.suites().stream().filter(s -> !s.contains("bert")).toList();
  }

  @Test
  void theFolderHoldsAllTwelveSuites() throws IOException {
    assertThat(suites()).contains("ggml-vocab-llama-spm.gguf", "ggml-vocab-phi-3.gguf",
        "ggml-vocab-gpt-2.gguf", "ggml-vocab-deepseek-coder.gguf", "ggml-vocab-deepseek-llm.gguf",
        "ggml-vocab-falcon.gguf", "ggml-vocab-starcoder.gguf", "ggml-vocab-mpt.gguf",
        "ggml-vocab-refact.gguf", "ggml-vocab-bert-bge.gguf", "rebuilt-llama3-bpe.gguf",
        "rebuilt-qwen25.gguf");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void everyCaseMatchesLlamaCpp(String suite) throws IOException {
    Tokenizer t = SharedVocabs.tokenizer(suite);
    List<SharedVocabs.Case> cases = SharedVocabs.cases(suite);
    assertThat(cases).hasSizeGreaterThanOrEqualTo(46);
    List<String> mismatches = new ArrayList<>();
    for (SharedVocabs.Case c : cases) {
      int[] got = t.encode(c.text(), false, false);
      if (!Arrays.equals(got, c.expected())) {
        mismatches.add("case " + c.index() + " " + quote(c.text()) + "\n  expected " + Arrays.toString(c.expected())
            + "\n  got      " + Arrays.toString(got));
      }
    }
    assertThat(mismatches).as(suite).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("losslessSuites")
  void decodeInvertsEncodeOnEveryCase(String suite) throws IOException {
    Tokenizer t = SharedVocabs.tokenizer(suite);
    for (SharedVocabs.Case c : SharedVocabs.cases(suite)) {
      assertThat(t.decode(c.expected())).as("%s case %d", suite, c.index()).isEqualTo(c.text());
      assertThat(t.decode(t.encode(c.text(), true, false))).as("%s case %d with BOS", suite, c.index())
          .isEqualTo(c.text());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void countIsTheNumberOfIds(String suite) throws IOException {
    Tokenizer t = SharedVocabs.tokenizer(suite);
    for (SharedVocabs.Case c : SharedVocabs.cases(suite)) {
      assertThat(t.count(c.text())).isEqualTo(c.expected().length);
    }
  }

  private static String quote(String s) {
    return s.codePoints().mapToObj(cp -> cp == '\n' ? "\\n" : cp == '\t' ? "\\t" : Character.toString(cp))
        .collect(Collectors.joining("", "\"", "\""));
  }
}
