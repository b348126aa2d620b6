package io.nootropic.context.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/// The hashing model, lookup by name, and the default when no embedder is on the path (this
/// module's tests have none: `nootropic-embeddings-minilm` is not a dependency).
class EmbeddingModelsTest {

  private static double cos(float[] a, float[] b) {
    double d = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return d / Math.sqrt(na * nb);
  }

  @Test
  void hashingModelIsDeterministicAndNormalised() {
    HashingEmbeddingModel h = new HashingEmbeddingModel(64);
    float[] a = h.embed("parseConfig reads the config");
    assertThat(a).containsExactly(h.embed("parseConfig reads the config"));
    assertThat(cos(a, h.embed("config parse"))).isGreaterThan(cos(a, h.embed("render dashboard widget")));
    assertThat(h.embed("")).hasSize(64);
    assertThat(EmbeddingModels.forName("hashing-64").name()).isEqualTo("hashing-64");
    assertThat(EmbeddingModels.forName("none")).isNull();
    assertThatThrownBy(() -> EmbeddingModels.forName("gpt-embed"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hashing-N");
  }

  @Test
  void withNoEmbedderOnThePathNewIndexesAreBm25OnlyAndMiniLmIsExplained() {
    assertThat(EmbeddingModels.defaultModel()).isNull();
    assertThatThrownBy(() -> EmbeddingModels.forName("all-minilm-l6-v2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nootropic-embeddings-minilm");
  }
}
