package io.nootropic.inference;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.Stability;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.Modality;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.gguf.GgufMetadata;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/// The `local` [ModelProvider]: GGUF files run in this process by the pure-Java engine.
///
/// ## Which models
/// Paths come from the system property [#MODELS_PROPERTY] and the environment variable
/// [#MODELS_ENV] (both lists separated by the platform path separator, `:` on Unix), plus
/// [#register(Path)]. A path is a `.gguf` file or a directory whose `*.gguf` files (not
/// recursive) are all offered. The model id is the file name without `.gguf`, lower-cased, with
/// characters outside `[a-z0-9._-]` replaced by `-` (`-2`, `-3`... on a clash).
///
/// ## Listing without loading
/// [#models()] never loads weights. The first time a file is listed its GGUF header is parsed
/// (metadata only: the weights are mapped lazily by the OS and never touched) to read the trained
/// context length and whether the chat template mentions tools; the descriptor is cached. A file
/// that cannot be parsed is left out and reported by [#problems()].
///
/// ## Loading and closing
/// [#chatModel(String)] loads a model on first use, once, even when called from several threads;
/// later calls return the same instance. [#close()] closes every loaded model (unmapping its
/// file); the provider cannot be used afterwards.
public final class LocalModelProvider implements ModelProvider {

  /// The provider name.
  public static final String NAME = "local";
  /// System property listing GGUF files and directories.
  public static final String MODELS_PROPERTY = "nootropic.local.models";
  /// Environment variable listing GGUF files and directories.
  public static final String MODELS_ENV = "NOOTROPIC_MODELS";

  private final List<Path> configured;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<Path, String> problems = new LinkedHashMap<>();
  private boolean scanned;
  private boolean closed;

  private static final class Entry {
    final String id;
    final Path path;
    ModelDescriptor descriptor;
    volatile LocalChatModel loaded;

    Entry(String id, Path path) {
      this.id = id;
      this.path = path;
    }
  }

  /// A provider configured from [#MODELS_PROPERTY] and [#MODELS_ENV] (read now, scanned lazily).
  public LocalModelProvider() {
    List<Path> paths = new ArrayList<>();
    paths.addAll(split(System.getProperty(MODELS_PROPERTY)));
    paths.addAll(split(System.getenv(MODELS_ENV)));
    this.configured = List.copyOf(paths);
  }

  /// A provider offering exactly the given files and directories (no system property or
  /// environment lookup).
  public LocalModelProvider(List<Path> paths) {
    this.configured = List.copyOf(Objects.requireNonNull(paths, "paths"));
  }

  private static List<Path> split(String value) {
    List<Path> out = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return out;
    }
    for (String part : value.split(File.pathSeparator)) {
      if (!part.isBlank()) {
        out.add(Path.of(part.trim()));
      }
    }
    return out;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("model.local", CapabilityKind.MODEL_PROVIDER)
        .version("0.1.0")
        .summary("Runs GGUF models in-process with the pure-Java engine (no native code, no server).")
        .description("Offers the `.gguf` files listed in the system property `" + MODELS_PROPERTY
            + "` or the environment variable `" + MODELS_ENV + "` (files or directories). Models load lazily"
            + " on first use and are closed with the provider. Chat prompts use the model's own chat"
            + " template (`tokenizer.chat_template`).")
        .inputSchema("{\"type\":\"object\",\"required\":[\"messages\"],\"properties\":{"
            + "\"model\":{\"type\":\"string\"},\"messages\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
            + "\"required\":[\"role\",\"content\"],\"properties\":{\"role\":{\"enum\":[\"system\",\"user\",\"assistant\",\"tool\"]},"
            + "\"content\":{\"type\":\"string\"}}}}}}")
        .outputSchema("{\"type\":\"object\",\"properties\":{\"model\":{\"type\":\"string\"},\"text\":{\"type\":\"string\"},"
            + "\"finishReason\":{\"enum\":[\"stop\",\"length\",\"tool_calls\",\"cancelled\"]}}}")
        .tags("model", "local", "gguf", "llama", "qwen", "inference")
        .stability(Stability.EXPERIMENTAL)
        .build();
  }

  /// Adds a GGUF file or a directory of them; returns the ids added.
  ///
  /// @throws ModelException when the path is neither a file nor a directory, or the provider is closed
  public synchronized List<String> register(Path path) {
    ensureOpen();
    scan();
    return add(path.toAbsolutePath().normalize(), true);
  }

  private List<String> add(Path path, boolean strict) {
    List<String> ids = new ArrayList<>();
    if (Files.isDirectory(path)) {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(path, "*.gguf")) {
        for (Path p : dir) {
          if (Files.isRegularFile(p)) {
            files.add(p);
          }
        }
      } catch (IOException e) {
        if (strict) {
          throw new ModelException("cannot list model directory " + path + ": " + e.getMessage(), e);
        }
        problems.put(path, "cannot list directory: " + e.getMessage());
        return ids;
      }
      files.sort(null);
      for (Path p : files) {
        ids.add(addFile(p.toAbsolutePath().normalize()));
      }
    } else if (Files.isRegularFile(path)) {
      ids.add(addFile(path));
    } else if (strict) {
      throw new ModelException("model path " + path + " is neither a GGUF file nor a directory");
    } else {
      problems.put(path, "no such file or directory");
    }
    return ids;
  }

  private String addFile(Path path) {
    for (Entry e : entries.values()) {
      if (e.path.equals(path)) {
        return e.id;
      }
    }
    String base = path.getFileName().toString();
    if (base.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
      base = base.substring(0, base.length() - 5);
    }
    base = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    if (base.isEmpty()) {
      base = "model";
    }
    String id = base;
    for (int n = 2; entries.containsKey(id); n++) {
      id = base + "-" + n;
    }
    entries.put(id, new Entry(id, path));
    return id;
  }

  private void scan() {
    if (!scanned) {
      scanned = true;
      for (Path p : configured) {
        add(p.toAbsolutePath().normalize(), false);
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new ModelException("the local model provider is closed");
    }
  }

  @Override
  public synchronized List<ModelDescriptor> models() {
    ensureOpen();
    scan();
    List<ModelDescriptor> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (e.descriptor == null && !problems.containsKey(e.path)) {
        try {
          e.descriptor = readDescriptor(e);
        } catch (RuntimeException | IOException ex) {
          problems.put(e.path, ex.getMessage());
        }
      }
      if (e.descriptor != null) {
        out.add(e.descriptor);
      }
    }
    return List.copyOf(out);
  }

  /// Paths that were configured but could not be listed, with the reason.
  public synchronized Map<Path, String> problems() {
    return Map.copyOf(problems);
  }

  private static ModelDescriptor readDescriptor(Entry e) throws IOException {
    try (GgufFile file = GgufFile.open(e.path)) {
      GgufMetadata m = file.metadata();
      String arch = m.architecture();
      long ctx = m.getLong(arch + ".context_length", 2048);
      String template = m.findString("tokenizer.chat_template").orElse("");
      boolean tools = template.contains("tools");
      return descriptor(e.id, (int) Math.max(1, Math.min(Integer.MAX_VALUE, ctx)), tools);
    }
  }

  private static ModelDescriptor descriptor(String id, int contextLength, boolean tools) {
    return new ModelDescriptor(id, NAME, contextLength, Set.of(Modality.TEXT), tools, false, 0, 0,
        Duration.ofSeconds(2), true);
  }

  /// Loads (once) and returns the model with the given id.
  ///
  /// @throws ModelException when the id is unknown, the file cannot be loaded, or the provider is closed
  @Override
  public ChatModel chatModel(String modelId) {
    Entry entry;
    synchronized (this) {
      ensureOpen();
      scan();
      entry = entries.get(modelId);
      if (entry == null) {
        throw new ModelException("unknown local model '" + modelId + "'; known: " + entries.keySet()
            + " (configure " + MODELS_PROPERTY + " or " + MODELS_ENV + ")");
      }
    }
    LocalChatModel m = entry.loaded;
    if (m != null) {
      return m;
    }
    synchronized (entry) {
      if (entry.loaded == null) {
        LocalModel model = LocalModel.open(entry.path);
        try {
          ModelDescriptor d = descriptor(entry.id, model.trainedContextLength(),
              model.metadata().findString("tokenizer.chat_template").orElse("").contains("tools"));
          LocalChatModel chat = new LocalChatModel(model, d, model.defaultContextLength());
          synchronized (this) {
            if (closed) {
              chat.close();
              throw new ModelException("the local model provider is closed");
            }
            entry.descriptor = d;
            entry.loaded = chat;
          }
        } catch (RuntimeException ex) {
          if (entry.loaded == null) {
            model.close();
          }
          throw ex;
        }
      }
      return entry.loaded;
    }
  }

  /// Closes every loaded model. Idempotent.
  @Override
  public void close() {
    List<LocalChatModel> toClose = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      for (Entry e : entries.values()) {
        if (e.loaded != null) {
          toClose.add(e.loaded);
          e.loaded = null;
        }
      }
    }
    for (LocalChatModel m : toClose) {
      m.close();
    }
  }
}
