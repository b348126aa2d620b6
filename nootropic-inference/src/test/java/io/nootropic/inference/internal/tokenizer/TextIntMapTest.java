package io.nootropic.inference.internal.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextIntMapTest {

  @Test
  void rangeConcatenationAndGrowthLookupsAgree() {
    TextIntMap map = new TextIntMap(2);
    for (int i = 0; i < 5000; i++) {
      map.put("k" + i, i);
    }
    map.put("k7", 70); // later put wins, like llama.cpp's token_to_id
    assertThat(map.size()).isEqualTo(5000);
    assertThat(map.get("k4999")).isEqualTo(4999);
    assertThat(map.get("k7")).isEqualTo(70);
    assertThat(map.get("missing")).isEqualTo(-1);
    assertThat(map.get(new StringBuilder("xxk123yy"), 2, 6)).isEqualTo(123);
    String merge = "k12 34";
    int left = TextIntMap.rawHash(merge, 0, 3);
    int right = TextIntMap.rawHash(merge, 4, 6);
    assertThat(map.getRaw(left, merge, 0, 3)).isEqualTo(12);
    int pow = 31 * 31;
    assertThat(map.getWithout(left * pow + right, merge, 3)).isEqualTo(1234);
    assertThat(map.getWithout(TextIntMap.rawHash("k1299", 0, 5), "k12 99", 3)).isEqualTo(1299);
    assertThat(map.getWithout(TextIntMap.rawHash("k12x9", 0, 5), "k12 x9", 3)).isEqualTo(-1);
    assertThat(map.putIfAbsent("k1", 99)).isEqualTo(1);
  }
}
