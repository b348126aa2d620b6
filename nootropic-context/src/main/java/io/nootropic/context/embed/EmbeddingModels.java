package io.nootropic.context.embed;

import io.nootropic.api.retrieval.EmbeddingModel;
import java.util.Locale;

/// Looks embedding models up by their stable names.
public final class EmbeddingModels {

  private EmbeddingModels() { }

  /// `all-minilm-l6-v2` (the default), `hashing-N` (N dimensions), or `none`/empty for no model
  /// (returns `null`).
  ///
  /// @throws IllegalArgumentException naming the accepted values when `name` is unknown
  public static EmbeddingModel forName(String name) {
    if (name == null || name.isBlank() || name.equalsIgnoreCase("none")) {
      return null;
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.equals(MiniLmEmbeddingModel.NAME) || n.equals("minilm")) {
      return new MiniLmEmbeddingModel();
    }
    if (n.startsWith("hashing-")) {
      try {
        return new HashingEmbeddingModel(Integer.parseInt(n.substring("hashing-".length())));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    if (n.equals("hashing")) {
      return new HashingEmbeddingModel();
    }
    throw new IllegalArgumentException("unknown embedding model '" + name
        + "'; expected all-minilm-l6-v2, hashing-N (e.g. hashing-256) or none");
  }
}
