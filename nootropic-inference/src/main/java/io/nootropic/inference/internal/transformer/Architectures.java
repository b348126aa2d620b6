package io.nootropic.inference.internal.transformer;

import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.transformer.LanguageModel;
import io.nootropic.inference.transformer.ModelConfig;
import io.nootropic.inference.transformer.ModelLoadException;
import java.util.List;
import java.util.stream.Collectors;

/// The registered architectures and the loader that picks one by `general.architecture`.
public final class Architectures {

  private static final List<Architecture> ALL =
      List.of(new LlamaArchitecture(), new Qwen2Architecture(), new Qwen3Architecture());

  private Architectures() { }

  /// Names of the supported architectures.
  public static List<String> names() {
    return ALL.stream().map(Architecture::name).collect(Collectors.toList());
  }

  /// The architecture named `name`.
  ///
  /// @throws ModelLoadException if none is registered under that name
  public static Architecture forName(String name) {
    for (Architecture a : ALL) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    throw new ModelLoadException("unsupported architecture '" + name + "' (supported: "
        + String.join(", ", names()) + ")");
  }

  /// Loads the model in `file`.
  public static LanguageModel load(GgufFile file, int threads, boolean ownsFile) {
    if (threads < 1 || threads > 1024) {
      throw new ModelLoadException("thread count " + threads + " is not in [1, 1024]");
    }
    String name = file.metadata().findString("general.architecture")
        .orElseThrow(() -> new ModelLoadException("missing metadata key general.architecture in " + file.path()));
    Architecture arch = forName(name);
    ModelConfig config = arch.readConfig(file);
    TransformerWeights weights = TransformerWeights.load(file, config, arch);
    return new TransformerModel(file, ownsFile, config, weights, threads);
  }
}
