package io.nootropic.inference.model;

import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.internal.model.Architectures;
import java.io.IOException;
import java.nio.file.Path;

/// A transformer language model whose weights are read in place from a mapped GGUF file.
///
/// The architecture is picked by `general.architecture` (`llama`, `qwen2`, `qwen3`); weights stay in
/// the file's mapping (no copy). A model owns a fixed pool of kernel threads; it is thread-safe, and
/// each [InferenceSession] is used by one thread at a time.
public interface LanguageModel extends AutoCloseable {

  /// System property naming the kernel thread count (default: available processors).
  String THREADS_PROPERTY = "nootropic.threads";

  /// Loads the model in `file` with the default thread count; the caller keeps ownership of the file.
  ///
  /// @throws ModelLoadException if the architecture is unknown or the file does not hold a valid model
  static LanguageModel load(GgufFile file) {
    return load(file, Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));
  }

  /// Loads the model in `file` with `threads` kernel threads (the caller's thread counts as one).
  ///
  /// @throws ModelLoadException if the architecture is unknown or the file does not hold a valid model
  static LanguageModel load(GgufFile file, int threads) {
    return Architectures.load(file, threads, false);
  }

  /// Opens and loads a GGUF file; closing the model closes the file.
  ///
  /// @throws IOException if the file cannot be read
  /// @throws ModelLoadException if it does not hold a valid model
  static LanguageModel open(Path path, int threads) throws IOException {
    GgufFile file = GgufFile.open(path);
    try {
      return Architectures.load(file, threads, true);
    } catch (RuntimeException e) {
      file.close();
      throw e;
    }
  }

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
