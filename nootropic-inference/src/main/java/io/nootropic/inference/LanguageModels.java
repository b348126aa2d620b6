package io.nootropic.inference;

import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.internal.transformer.Architectures;
import io.nootropic.inference.transformer.LanguageModel;
import io.nootropic.inference.transformer.ModelLoadException;
import java.io.IOException;
import java.nio.file.Path;

/// Loads [LanguageModel]s from GGUF files; the architecture is picked by `general.architecture`.
public final class LanguageModels {

  private LanguageModels() {}

  /// Loads the model in `file` with the default thread count; the caller keeps ownership of the file.
  ///
  /// @throws ModelLoadException if the architecture is unknown or the file does not hold a valid model
  public static LanguageModel load(GgufFile file) {
    return load(file, Integer.getInteger(LanguageModel.THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));
  }

  /// Loads the model in `file` with `threads` kernel threads (the caller's thread counts as one).
  ///
  /// @throws ModelLoadException if the architecture is unknown or the file does not hold a valid model
  public static LanguageModel load(GgufFile file, int threads) {
    return Architectures.load(file, threads, false);
  }

  /// Opens and loads a GGUF file; closing the model closes the file.
  ///
  /// @throws IOException if the file cannot be read
  /// @throws ModelLoadException if it does not hold a valid model
  public static LanguageModel open(Path path, int threads) throws IOException {
    GgufFile file = GgufFile.open(path);
    try {
      return Architectures.load(file, threads, true);
    } catch (RuntimeException e) {
      file.close();
      throw e;
    }
  }
}
