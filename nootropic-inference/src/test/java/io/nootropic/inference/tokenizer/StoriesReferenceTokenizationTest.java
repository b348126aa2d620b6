package io.nootropic.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.internal.json.Json;
import io.nootropic.testing.SharedModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// The tokenizer of `stories260K.gguf` against llama.cpp's reference runs in `refs/`: the prompt
/// tokenized with `add_special = parse_special = true`, and every piece as `token_to_piece` gave it.
class StoriesReferenceTokenizationTest {

  @ParameterizedTest
  @ValueSource(strings = {"refs/stories260K.prompt1.json", "refs/stories260K.prompt2.json"})
  void promptIdsAndPiecesMatchLlamaCpp(String ref) throws IOException {
    Tokenizer t;
    try (GgufFile gguf = GgufFile.open(SharedModels.require("stories260K.gguf"))) {
      t = Tokenizer.fromGguf(gguf.metadata());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) Json.parse(Files.readString(SharedModels.require(ref), StandardCharsets.UTF_8));
    String prompt = (String) r.get("prompt");
    int[] promptIds = ints(r.get("prompt_ids"));
    int[] generated = ints(r.get("generated_ids"));

    assertThat(t.vocabSize()).isEqualTo(((Number) r.get("n_vocab")).intValue());
    assertThat(t.encode(prompt, true, true)).containsExactly(promptIds);

    List<?> promptHex = (List<?>) r.get("prompt_pieces_hex");
    for (int i = 0; i < promptIds.length; i++) {
      String piece = t.decodeRaw(new int[] {promptIds[i]}, true);
      assertThat(HexFormat.of().formatHex(piece.getBytes(StandardCharsets.UTF_8))).isEqualTo(promptHex.get(i));
    }
    List<?> generatedHex = (List<?>) r.get("generated_pieces_hex");
    StringBuilder streamed = new StringBuilder();
    for (int i = 0; i < generated.length; i++) {
      byte[] bytes = t.tokenBytes(generated[i]);
      assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(generatedHex.get(i));
      streamed.append(new String(bytes, StandardCharsets.UTF_8));
    }
    assertThat(streamed.toString()).isEqualTo(r.get("generated_text"));
    assertThat(t.decodeRaw(generated, false)).isEqualTo(r.get("generated_text"));

    int[] all = new int[promptIds.length + generated.length];
    System.arraycopy(promptIds, 0, all, 0, promptIds.length);
    System.arraycopy(generated, 0, all, promptIds.length, generated.length);
    assertThat(t.decode(all)).isEqualTo(prompt + r.get("generated_text"));
  }

  private static int[] ints(Object list) {
    return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
  }
}
