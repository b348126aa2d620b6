package io.nootropic.inference.transformer;


/// A transformer language model whose weights are read in place from a mapped GGUF file. Load
/// one with [io.nootropic.inference.LanguageModels].
///
/// The architecture is picked by `general.architecture` (`llama`, `qwen2`, `qwen3`); weights stay in
/// the file's mapping (no copy). A model owns a fixed pool of kernel threads; it is thread-safe, and
/// each [InferenceSession] is used by one thread at a time.
public interface LanguageModel extends AutoCloseable {

  /// System property naming the kernel thread count (default: available processors).
  String THREADS_PROPERTY = "nootropic.threads";

  /// The hyper-parameters.
  ModelConfig config();

  /// Number of parameters (elements of all weight tensors).
  long parameterCount();

  /// Bytes of all weight tensors in the file.
  long weightBytes();

  /// The kernels in use, e.g. `CPU Java Vector API 512-bit` or `CPU Java scalar`.
  String backend();

  /// Kernel threads used by this model.
  int threads();

  /// A new session whose KV cache holds `contextLength` tokens.
  ///
  /// @throws ContextLengthException if `contextLength` is not in `[1, config().contextLength()]`
  ///     or the cache would not fit in the heap
  InferenceSession newSession(int contextLength);

  /// Stops the kernel threads (and closes the file when the model opened it). Idempotent.
  @Override
  void close();
}
