package io.nootropic.context.embed;

import io.nootropic.api.Providers;
import io.nootropic.api.retrieval.EmbeddingModel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Looks embedding models up by their stable names.
///
/// `nootropic-context` itself has only the dependency-free [HashingEmbeddingModel]. Real models
/// come as [EmbeddingModel] providers on the path (`nootropic-embeddings-minilm` gives
/// `all-minilm-l6-v2`), loaded the one way [Providers] loads every provider. With none on the
/// path, retrieval is BM25 only, and the first index to notice says so once in the log.
public final class EmbeddingModels {

  /// The system property naming the embedding model of new indexes: a provider's name,
  /// `hashing-N`, or `none` for BM25 only. When it is unset, the only embedder on the path is
  /// used, or none when there is none (or several: then set this property to choose).
  public static final String PROPERTY = "nootropic.context.embeddings";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingModels.class);
  private static final AtomicBoolean SAID_BM25_ONLY = new AtomicBoolean();

  private EmbeddingModels() { }

  /// `hashing-N` (N dimensions), `none` or empty for no model (returns `null`), or the name of an
  /// [EmbeddingModel] provider on the path (e.g. `all-minilm-l6-v2`).
  ///
  /// @throws IllegalArgumentException naming the accepted values when `name` is unknown
  public static EmbeddingModel forName(String name) {
    if (name == null || name.isBlank() || name.equalsIgnoreCase("none")) {
      return null;
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
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
    Providers.Result<EmbeddingModel, String> found = providers();
    String wanted = n.equals("minilm") ? "all-minilm-l6-v2" : n;
    return found.find(wanted).orElseThrow(() -> new IllegalArgumentException("unknown embedding model '" + name
        + "'; expected hashing-N (e.g. hashing-256), none" + names(found.loaded().stream().map(Providers.Loaded::name).toList())
        + (wanted.equals("all-minilm-l6-v2") ? " (all-minilm-l6-v2 needs nootropic-embeddings-minilm on the path)" : "")));
  }

  /// The model for a new index: [#PROPERTY] when set, else the only [EmbeddingModel] provider on
  /// the path, else `null` (BM25 only, said once in the log).
  ///
  /// @throws IllegalArgumentException when the property names no known model
  public static EmbeddingModel defaultModel() {
    String chosen = System.getProperty(PROPERTY);
    if (chosen != null && !chosen.isBlank()) {
      return forName(chosen);
    }
    List<EmbeddingModel> found = providers().instances();
    if (found.size() == 1) {
      return found.getFirst();
    }
    if (SAID_BM25_ONLY.compareAndSet(false, true)) {
      if (found.isEmpty()) {
        LOG.info("no embedding model on the path: retrieval is BM25 only (add nootropic-embeddings-minilm for"
            + " vector search, or set -D{}=hashing-256)", PROPERTY);
      } else {
        LOG.warn("{} embedding models on the path ({}) and none chosen: retrieval is BM25 only; set -D{}=NAME",
            found.size(), found.stream().map(EmbeddingModel::name).toList(), PROPERTY);
      }
    }
    return null;
  }

  private static Providers.Result<EmbeddingModel, String> providers() {
    Providers.Result<EmbeddingModel, String> r = Providers.load(EmbeddingModel.class, EmbeddingModel::name, m -> m,
        "nootropic.embedding");
    r.problems().forEach(p -> LOG.warn("embedding model not loaded: {}", p.message()));
    return r;
  }

  private static String names(List<String> names) {
    return names.isEmpty() ? "" : " or one of " + names;
  }
}
