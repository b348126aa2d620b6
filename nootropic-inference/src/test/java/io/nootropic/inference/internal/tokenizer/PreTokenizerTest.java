package io.nootropic.inference.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreTokenizerTest {

  private static List<String> split(PreTokenizer.Kind kind, String text) {
    int[] b = PreTokenizer.of(kind).split(text);
    List<String> words = new ArrayList<>();
    for (int i = 0; i + 1 < b.length; i++) {
      words.add(text.substring(b[i], b[i + 1]));
    }
    return words;
  }

  @Test
  void llama3SplitsContractionsNumbersInThreesAndTrailingNewlines() {
    assertThat(split(PreTokenizer.Kind.LLAMA3, "I'm 12345 ok!!\n\n"))
        .containsExactly("I", "'m", " ", "123", "45", " ok", "!!\n\n");
  }

  @Test
  void llama3ContractionsAreCaseInsensitiveAndWhitespaceRunsKeepOneSpaceForTheWord() {
    assertThat(split(PreTokenizer.Kind.LLAMA3, "WE'VE   gone"))
        .containsExactly("WE", "'VE", "  ", " gone");
  }

  @Test
  void qwen2SplitsDigitsOneByOne() {
    assertThat(split(PreTokenizer.Kind.QWEN2, "a 123")).containsExactly("a", " ", "1", "2", "3");
  }

  @Test
  void gpt2KeepsLowercaseContractionsOnlyAndGluesOneSpaceToWords() {
    assertThat(split(PreTokenizer.Kind.GPT2, "It'S a  test's 42"))
        .containsExactly("It", "'", "S", " a", " ", " test", "'s", " 42");
  }

  @Test
  void unicodeLettersAndNumbersUseUnicodeClasses() {
    // Cyrillic letters are \p{L}, Arabic-Indic digits are \p{N}, U+3000 is whitespace
    assertThat(split(PreTokenizer.Kind.GPT2, "привет \u0661\u0662\u3000x"))
        .containsExactly("привет", " \u0661\u0662", "\u3000", "x");
  }

  @Test
  void starcoderSplitsEveryDigitFirst() {
    assertThat(split(PreTokenizer.Kind.STARCODER, "x 123")).containsExactly("x", " ", "1", "2", "3");
  }

  @Test
  void supplementaryCharactersStayWhole() {
    assertThat(split(PreTokenizer.Kind.DEEPSEEK_LLM, "a😀b"))
        .containsExactly("a", "😀", "b");
    assertThat(String.join("", split(PreTokenizer.Kind.LLAMA3, "😀 😀\n𐐀x")))
        .isEqualTo("😀 😀\n𐐀x");
  }

  @Test
  void deepseekCoderSplitsNewlinesAndCjkRuns() {
    assertThat(split(PreTokenizer.Kind.DEEPSEEK_CODER, "ab\n中文x"))
        .containsExactly("ab", "\n", "中文", "x");
  }

  @Test
  void emptyTextHasNoWords() {
    for (PreTokenizer.Kind kind : PreTokenizer.Kind.values()) {
      assertThat(PreTokenizer.of(kind).split("")).containsExactly(0);
    }
  }

  @Test
  void knownNamesMapToKindsAndUnknownOnesToNull() {
    assertThat(PreTokenizer.kindFor("llama-bpe")).isEqualTo(PreTokenizer.Kind.LLAMA3);
    assertThat(PreTokenizer.kindFor("qwen2")).isEqualTo(PreTokenizer.Kind.QWEN2);
    assertThat(PreTokenizer.kindFor("mpt")).isEqualTo(PreTokenizer.Kind.GPT2);
    assertThat(PreTokenizer.kindFor("refact")).isEqualTo(PreTokenizer.Kind.STARCODER);
    assertThat(PreTokenizer.kindFor(null)).isEqualTo(PreTokenizer.Kind.DEFAULT);
    assertThat(PreTokenizer.kindFor("no-such-pre")).isNull();
  }
}
