package io.nootropic.inference.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class SpecialTrieTest {

  /// The trie reports exactly the specials that `String.contains` finds (small alphabet so that
  /// overlaps, prefixes and repeats are common).
  @Property(tries = 500)
  void findsExactlyTheOccurringSpecials(
      @ForAll @Size(min = 1, max = 8) List<@NotEmpty @StringLength(max = 4) @CharRange(from = 'a', to = 'c') String> specials,
      @ForAll @StringLength(max = 30) @CharRange(from = 'a', to = 'd') String text) {
    boolean[] found = new SpecialTrie(specials.toArray(String[]::new)).present(text);
    for (int k = 0; k < specials.size(); k++) {
      boolean expected = text.contains(specials.get(k));
      assertThat(found != null && found[k]).as("%s in %s", specials.get(k), text).isEqualTo(expected);
    }
  }
}
