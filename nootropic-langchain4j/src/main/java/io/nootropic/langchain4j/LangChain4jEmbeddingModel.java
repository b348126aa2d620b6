package io.nootropic.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.retrieval.EmbeddingModel;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/// A LangChain4j [dev.langchain4j.model.embedding.EmbeddingModel] as a Nootropic [EmbeddingModel].
public final class LangChain4jEmbeddingModel implements EmbeddingModel {

  private final String name;
  private final dev.langchain4j.model.embedding.EmbeddingModel delegate;
  private volatile int dimensions = -1;

  private LangChain4jEmbeddingModel(String name, dev.langchain4j.model.embedding.EmbeddingModel delegate) {
    this.name = name;
    this.delegate = delegate;
  }

  /// Wraps `delegate` under the stable name `name`.
  public static LangChain4jEmbeddingModel of(String name, dev.langchain4j.model.embedding.EmbeddingModel delegate) {
    return new LangChain4jEmbeddingModel(Objects.requireNonNull(name, "name"), Objects.requireNonNull(delegate, "delegate"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int dimensions() {
    int d = dimensions;
    if (d < 0) {
      d = delegate.dimension();
      dimensions = d;
    }
    return d;
  }

  @Override
  public float[] embed(String text) {
    try {
      return delegate.embed(text).content().vector();
    } catch (RuntimeException e) {
      throw new ModelException("embedding model " + name + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    try {
      return delegate.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream().map(Embedding::vector).toList();
    } catch (RuntimeException e) {
      throw new ModelException("embedding model " + name + " failed on " + texts.size() + " texts: " + e.getMessage(), e);
    }
  }

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("embedding.langchain4j." + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-"),
            CapabilityKind.MODEL_PROVIDER)
        .version("0.1.0").summary("LangChain4j embedding model " + name).tags("embedding", "langchain4j").build();
  }
}
