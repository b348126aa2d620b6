package io.nootropic.api.retrieval;

import io.nootropic.api.Describable;
import java.util.ArrayList;
import java.util.List;

/// Turns text into dense vectors for similarity search.
///
/// @since 0.1
public interface EmbeddingModel extends Describable {

  /// The stable name of this model, e.g. `all-minilm-l6-v2`.
  String name();

  /// The length of every vector this model returns.
  int dimensions();

  /// Embeds one text.
  ///
  /// @throws EmbeddingException when the model fails
  float[] embed(String text);

  /// Embeds several texts; implementations may batch.
  ///
  /// @throws EmbeddingException when the model fails
  default List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(embed(t));
    }
    return out;
  }
}
