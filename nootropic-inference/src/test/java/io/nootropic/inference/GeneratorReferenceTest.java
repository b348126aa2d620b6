package io.nootropic.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.inference.internal.json.Json;
import io.nootropic.testing.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/// Greedy generation on stories260K through the whole stack (GGUF, tokenizer, engine, sampler,
/// generator) must reproduce llama.cpp's reference generations token for token.
class GeneratorReferenceTest {

  static LocalModel model;

  @BeforeAll
  static void open() {
    model = LocalModel.open(SharedModels.require("stories260K.gguf"));
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> ref(String name) throws IOException {
    Path file = SharedModels.require("refs/" + name);
    return (Map<String, Object>) Json.parse(Files.readString(file));
  }

  static int[] ints(Object list) {
    List<?> l = (List<?>) list;
    int[] out = new int[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) l.get(i)).intValue();
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"stories260K.prompt1.json", "stories260K.prompt2.json"})
  void greedyGenerationMatchesLlamaCpp(String name) throws IOException {
    Map<String, Object> ref = ref(name);
    String prompt = (String) ref.get("prompt");
    int[] promptIds = model.tokenizer().encode(prompt, true, true);
    assertThat(promptIds).isEqualTo(ints(ref.get("prompt_ids")));
    int n = ((Number) ref.get("n_predict")).intValue();
    try (Generator g = model.newGenerator(512)) {
      List<String> streamed = new ArrayList<>();
      GenerationResult r = g.generate(prompt, GenerationOptions.DEFAULTS.withMaxTokens(n), streamed::add, null);
      assertThat(r.tokens()).isEqualTo(ints(ref.get("generated_ids")));
      assertThat(r.text()).isEqualTo(ref.get("generated_text"));
      assertThat(String.join("", streamed)).isEqualTo(ref.get("generated_text"));
      assertThat(r.finishReason()).isEqualTo(Boolean.TRUE.equals(ref.get("stopped_at_eog")) ? FinishReason.STOP : FinishReason.LENGTH);
      assertThat(r.usage().inputTokens()).isEqualTo(promptIds.length);
      assertThat(r.usage().outputTokens()).isEqualTo(n);
    }
  }

  @Test
  void prefixReuseOnTheRealModelMatchesAFreshSession() throws IOException {
    Map<String, Object> ref = ref("stories260K.prompt1.json");
    String prompt = (String) ref.get("prompt");
    try (Generator g = model.newGenerator(512)) {
      GenerationResult first = g.generate(prompt, GenerationOptions.DEFAULTS.withMaxTokens(8), null, null);
      // continue the story: the new prompt extends the cached one
      String longer = prompt + first.text() + " One day";
      GenerationResult reused = g.generate(longer, GenerationOptions.DEFAULTS.withMaxTokens(16), null, null);
      try (Generator fresh = model.newGenerator(512)) {
        GenerationResult expected = fresh.generate(longer, GenerationOptions.DEFAULTS.withMaxTokens(16), null, null);
        assertThat(reused.tokens()).isEqualTo(expected.tokens());
        assertThat(reused.text()).isEqualTo(expected.text());
      }
      assertThat(reused.reusedTokens()).isGreaterThan(4);
      assertThat(reused.ingestedTokens()).isLessThan(reused.usage().inputTokens());
    }
  }

  @Test
  void seededSamplingOnTheRealModelIsReproducible() {
    GenerationOptions sampled = new GenerationOptions(24, 0.9, 40, 0.95, 0.05, 1.1, 0.0, 7L, List.of(), false);
    int[] a;
    int[] b;
    try (Generator g = model.newGenerator(256)) {
      a = g.generate("Once upon a time", sampled, null, null).tokens();
    }
    try (Generator g = model.newGenerator(256)) {
      b = g.generate("Once upon a time", sampled, null, null).tokens();
    }
    assertThat(a).isEqualTo(b).isNotEmpty();
  }

  @Test
  void stopStringOnTheRealModel() throws IOException {
    Map<String, Object> ref = ref("stories260K.prompt1.json");
    String full = (String) ref.get("generated_text");  // ", there was a little girl named Lily. ..."
    try (Generator g = model.newGenerator(512)) {
      GenerationResult r = g.generate((String) ref.get("prompt"),
          new GenerationOptions(32, 0, 0, 1, 0, 1, 0, 42, List.of("Lily"), false), null, null);
      assertThat(r.text()).isEqualTo(full.substring(0, full.indexOf("Lily")));
      assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(r.stopString()).isEqualTo("Lily");
    }
  }
}
