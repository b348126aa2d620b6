package io.nootropic.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StopStringMatcherTest {

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.strings().withChars("abU\n:").ofMaxLength(40);
  }

  @Provide
  Arbitrary<List<String>> stops() {
    return Arbitraries.strings().withChars("abU\n:").ofMinLength(1).ofMaxLength(4).list().ofMaxSize(3);
  }

  /// However the text is cut into pieces, what comes out is the text up to the first completed stop
  /// string (or all of it), and nothing emitted ever contains a stop string.
  @Property
  void outputIsTheTextBeforeTheFirstStopStringWhateverTheChunking(
      @ForAll("text") String text, @ForAll("stops") List<String> stops,
      @ForAll @Size(max = 10) List<@IntRange(min = 1, max = 5) Integer> cuts) {
    StopStringMatcher m = new StopStringMatcher(stops);
    List<String> emitted = new ArrayList<>();
    int pos = 0;
    int c = 0;
    while (pos < text.length() && m.matched() == null) {
      int len = cuts.isEmpty() ? 1 : cuts.get(c++ % cuts.size());
      int end = Math.min(text.length(), pos + len);
      emitted.add(m.push(text.substring(pos, end)));
      pos = end;
    }
    if (m.matched() == null) {
      emitted.add(m.flush());
    }
    // reference: the occurrence that is completed first (smallest end, then smallest start)
    int first = -1;
    int firstEnd = -1;
    for (String s : stops) {
      int i = text.indexOf(s);
      if (i >= 0 && (first < 0 || i + s.length() < firstEnd || (i + s.length() == firstEnd && i < first))) {
        first = i;
        firstEnd = i + s.length();
      }
    }
    String expected = first < 0 ? text : text.substring(0, first);
    assertThat(String.join("", emitted)).isEqualTo(expected);
    assertThat(m.matched() != null).isEqualTo(first >= 0);
    for (String piece : emitted) {
      for (String s : stops) {
        assertThat(piece).doesNotContain(s);
      }
    }
  }
}
