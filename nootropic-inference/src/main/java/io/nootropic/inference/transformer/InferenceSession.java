package io.nootropic.inference.transformer;

/// One conversation's state over a [LanguageModel]: a KV cache of `position()` tokens.
///
/// Not thread-safe: one thread drives a session. The logits array returned by [#ingest] and
/// [#next] is owned by the session and overwritten by the next call.
public interface InferenceSession extends AutoCloseable {

  /// Number of tokens in the KV cache.
  int position();

  /// Capacity of the KV cache in tokens.
  int contextLength();

  /// Processes `tokens` at [#position] as one batch (a prompt) and returns the logits of the last
  /// token (`vocabSize` floats, reused by the next call).
  ///
  /// @throws ContextLengthException if the tokens do not fit in the remaining context
  /// @throws io.nootropic.api.model.ModelException if `tokens` is empty or holds an id outside the vocabulary
  /// @throws io.nootropic.inference.gguf.MappedFileChangedException if the model file was truncated
  ///     or replaced while mapped (the session keeps its previous position)
  float[] ingest(int[] tokens);

  /// One decode step: appends `token` and returns its logits (same contract as [#ingest]).
  float[] next(int token);

  /// Truncates the KV cache to its first `position` tokens (prompt prefix reuse).
  ///
  /// @throws io.nootropic.api.model.ModelException if `position` is negative or beyond [#position]
  void rewind(int position);

  /// Releases the KV cache (idempotent).
  @Override
  void close();
}
