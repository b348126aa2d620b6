package io.nootropic.embeddings.minilm;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.retrieval.EmbeddingModel;
import io.nootropic.context.embed.EmbeddingModels;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/// Runs the real all-MiniLM-L6-v2 ONNX model in process (no network): shape, normalisation,
/// batching and semantic ordering.
class MiniLmEmbeddingModelTest {

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
  void embedsOfflineWithSemanticOrder() {
    EmbeddingModel m = new MiniLmEmbeddingModel();
    List<float[]> v = m.embedAll(List.of(
        "How do I read the contents of a file?",
        "Load all bytes from a file on disk into memory",
        "The cat sat on the mat in the sunshine",
        ""));
    assertThat(v).hasSize(4).allSatisfy(x -> assertThat(x).hasSize(384));
    double norm = 0;
    for (float x : v.getFirst()) {
      norm += x * x;
    }
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-3));
    assertThat(cos(v.get(0), v.get(1))).isGreaterThan(cos(v.get(0), v.get(2)) + 0.2);
    // one at a time equals batched
    float[] single = m.embed("The cat sat on the mat in the sunshine");
    assertThat(cos(single, v.get(2))).isGreaterThan(0.9999);
  }

  @Test
  void isDiscoverableAsAnEmbeddingModel() {
    assertThat(ServiceLoader.load(EmbeddingModel.class).stream().map(p -> p.get().name()))
        .contains(MiniLmEmbeddingModel.NAME);
  }

  @Test
  void onThePathItIsContextsDefaultEmbedderAndFoundByName() {
    assertThat(EmbeddingModels.defaultModel()).isInstanceOf(MiniLmEmbeddingModel.class);
    assertThat(EmbeddingModels.forName("all-minilm-l6-v2")).isInstanceOf(MiniLmEmbeddingModel.class);
    assertThat(EmbeddingModels.forName("minilm").name()).isEqualTo(MiniLmEmbeddingModel.NAME);
  }
}
