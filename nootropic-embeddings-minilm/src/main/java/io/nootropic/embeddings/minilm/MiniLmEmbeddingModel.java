package io.nootropic.embeddings.minilm;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.retrieval.EmbeddingException;
import io.nootropic.api.retrieval.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/// The default embedding model: sentence-transformers all-MiniLM-L6-v2 (384 dimensions, cosine)
/// run in process through LangChain4j's ONNX module; the model ships inside a jar, so it needs no
/// network. Loaded on first use (about a second), then shared.
public final class MiniLmEmbeddingModel implements EmbeddingModel {

  /// The stable name stored with indexes built with this model.
  public static final String NAME = "all-minilm-l6-v2";

  /// Texts are cut to this many characters before embedding (the model reads 256 word pieces).
  public static final int MAX_CHARS = 1000;

  private static final class Holder {
    static final AllMiniLmL6V2EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
  }

  /// Creates the model handle; loading waits for the first embedding.
  public MiniLmEmbeddingModel() { }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int dimensions() {
    return 384;
  }

  @Override
  public float[] embed(String text) {
    return embedAll(List.of(text)).getFirst();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String t : texts) {
      String s = t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) : t;
      segments.add(TextSegment.from(s.isBlank() ? "(empty)" : s));
    }
    try {
      List<Embedding> embeddings = Holder.MODEL.embedAll(segments).content();
      List<float[]> out = new ArrayList<>(embeddings.size());
      for (Embedding e : embeddings) {
        out.add(e.vector());
      }
      return out;
    } catch (RuntimeException | LinkageError e) {
      throw new EmbeddingException("all-MiniLM-L6-v2 embedding failed: " + e, e);
    }
  }

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("embedding.all-minilm-l6-v2", CapabilityKind.MODEL_PROVIDER)
        .version("0.1.0")
        .summary("In-process all-MiniLM-L6-v2 sentence embeddings (ONNX, 384 dims, no network)")
        .tags("embedding", "retrieval", "onnx")
        .build();
  }
}
