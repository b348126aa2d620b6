package io.nootropic.inference.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/// The hand-written GPT-2 / Llama 3 / Qwen2 / trailing-blank splitters against the regexes they replace.
class FastSplitDifferentialTest {

  private static final String ALPHABET = "aZxQ'sStTrReEvVmMlLdD 0123456789 \t\r\n\u000B\f!?.,;-_()[]{}<>@#$%^&*+=|~`\"/\\"
      + "éüß中文😀\u3000\u00A0\u0661\u0662€©\u0301\u200D！‘。\u2126\u1F7D\uD801\uDC00µ";

  @Provide
  Arbitrary<String> text() {
    int[] cps = ALPHABET.codePoints().toArray();
    return Arbitraries.integers().between(0, cps.length - 1).map(i -> Character.toString(cps[i]))
        .list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Property(tries = 3000)
  void handWrittenSplittersAgreeWithTheRegexes(@ForAll("text") String text) {
    for (PreTokenizer.Kind kind : new PreTokenizer.Kind[] {PreTokenizer.Kind.GPT2, PreTokenizer.Kind.LLAMA3,
        PreTokenizer.Kind.QWEN2, PreTokenizer.Kind.STARCODER, PreTokenizer.Kind.FALCON, PreTokenizer.Kind.DEFAULT,
        PreTokenizer.Kind.DEEPSEEK_LLM}) {
      PreTokenizer p = PreTokenizer.of(kind);
      assertThat(p.split(text, false)).as("%s on %s", kind, text).containsExactly(p.split(text, true));
    }
  }
}
