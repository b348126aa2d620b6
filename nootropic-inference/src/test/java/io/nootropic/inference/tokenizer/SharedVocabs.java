package io.nootropic.inference.tokenizer;

import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.testing.SharedModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/// Loads (once per test JVM) the tokenizers of the vocab-only GGUF files in the shared models
/// folder and reads llama.cpp's suites beside them.
final class SharedVocabs {

  /// One suite case: input text and the ids llama.cpp produced for it.
  record Case(int index, String text, int[] expected) { }

  private static final ConcurrentHashMap<String, Tokenizer> LOADED = new ConcurrentHashMap<>();

  private SharedVocabs() { }

  /// The tokenizer of `vocab/<name>` (skips the test if the file is missing).
  static Tokenizer tokenizer(String name) {
    Path file = SharedModels.require("vocab/" + name);
    return LOADED.computeIfAbsent(name, n -> {
      try (GgufFile gguf = GgufFile.open(file)) {
        return Tokenizer.fromGguf(gguf.metadata());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /// The cases of `vocab/<name>.inp` / `.out`: inputs separated by `\n__ggml_vocab_test__\n`,
  /// expected ids one line per input.
  static List<Case> cases(String name) throws IOException {
    Path inp = SharedModels.require("vocab/" + name + ".inp");
    Path out = SharedModels.require("vocab/" + name + ".out");
    String text = Files.readString(inp, StandardCharsets.UTF_8);
    String sep = "\n__ggml_vocab_test__\n";
    List<String> inputs = new ArrayList<>(Arrays.asList(text.split(sep, -1)));
    if (!inputs.isEmpty() && inputs.getLast().isEmpty()) {
      inputs.removeLast(); // every input is followed by the separator
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    if (lines.size() != inputs.size()) {
      throw new IllegalStateException(name + ": " + inputs.size() + " inputs but " + lines.size() + " outputs");
    }
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String line = lines.get(i).trim();
      int[] ids = line.isEmpty() ? new int[0] : Arrays.stream(line.split("\\s+")).mapToInt(Integer::parseInt).toArray();
      cases.add(new Case(i, inputs.get(i), ids));
    }
    return cases;
  }

  /// Every `X.gguf` in the vocab folder that has both `X.gguf.inp` and `X.gguf.out`.
  static List<String> suites() throws IOException {
    Path dir = SharedModels.require("vocab/ggml-vocab-llama-spm.gguf").getParent();
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".gguf"))
          .filter(n -> Files.isRegularFile(dir.resolve(n + ".inp")) && Files.isRegularFile(dir.resolve(n + ".out")))
          .sorted().toList();
    }
  }
}
