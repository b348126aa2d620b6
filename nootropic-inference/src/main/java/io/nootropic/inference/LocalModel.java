package io.nootropic.inference;

import io.nootropic.api.model.ModelException;
import io.nootropic.inference.chat.ChatFormat;
import io.nootropic.inference.chat.ChatTemplate;
import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.gguf.GgufMetadata;
import io.nootropic.inference.transformer.LanguageModel;
import io.nootropic.inference.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/// One GGUF model opened for generation: the mapped file, the model weights, its tokenizer and its
/// chat format. Closing it unmaps the file (the `Arena` of [GgufFile]); nothing may be used after.
public final class LocalModel implements AutoCloseable {

  /// Default KV-cache size when the caller does not choose one (system property
  /// `nootropic.local.context`, default 4096), capped by the model's trained context.
  public static final String CONTEXT_PROPERTY = "nootropic.local.context";

  private final GgufFile file;
  private final LanguageModel model;
  private final Tokenizer tokenizer;
  private final ChatFormat chatFormat;
  private final Optional<String> chatTemplateError;

  private LocalModel(GgufFile file, LanguageModel model, Tokenizer tokenizer, ChatFormat chatFormat,
                     Optional<String> chatTemplateError) {
    this.file = file;
    this.model = model;
    this.tokenizer = tokenizer;
    this.chatFormat = chatFormat;
    this.chatTemplateError = chatTemplateError;
  }

  /// Opens and loads a GGUF file.
  ///
  /// @throws ModelException naming the file when it cannot be read, is not a valid GGUF file, or
  ///     holds an architecture or tokenizer this engine does not support
  public static LocalModel open(Path path) {
    Objects.requireNonNull(path, "path");
    GgufFile file;
    try {
      file = GgufFile.open(path);
    } catch (IOException e) {
      throw new ModelException("cannot read model file " + path + ": " + why(e), e);
    } catch (RuntimeException e) {
      throw new ModelException("cannot open model file " + path + ": " + e.getMessage(), e);
    }
    try {
      GgufMetadata metadata = file.metadata();
      Tokenizer tokenizer = Tokenizer.fromGguf(metadata);
      LanguageModel model = LanguageModels.load(file);
      ChatFormat format = ChatFormat.simple();
      Optional<String> templateError = Optional.empty();
      Optional<String> template = metadata.findString("tokenizer.chat_template");
      if (template.isPresent() && !template.get().isBlank()) {
        try {
          format = ChatFormat.of(ChatTemplate.parse(template.get()), tokenText(tokenizer, tokenizer.bos()),
              tokenText(tokenizer, tokenizer.eos()));
        } catch (io.nootropic.inference.chat.ChatTemplateException e) {
          // keep the fallback so plain generation still works; chat reports the problem
          templateError = Optional.of(e.getMessage());
          format = new UnrenderableTemplate(e);
        }
      }
      return new LocalModel(file, model, tokenizer, format, templateError);
    } catch (ModelException e) {
      file.close();
      throw e;
    } catch (RuntimeException e) {
      file.close();
      throw new ModelException("cannot load model " + path + ": " + e.getMessage(), e);
    }
  }

  private static String tokenText(Tokenizer tokenizer, int id) {
    return id < 0 ? "" : tokenizer.piece(id);
  }

  /// The file this model was loaded from.
  public Path path() {
    return file.path();
  }

  /// The GGUF metadata.
  public GgufMetadata metadata() {
    return file.metadata();
  }

  /// The model weights and architecture.
  public LanguageModel languageModel() {
    return model;
  }

  /// The tokenizer.
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /// How conversations are turned into prompts: the model's own template, or the documented
  /// fallback ([ChatFormat#simple()]) when the file has none.
  public ChatFormat chatFormat() {
    return chatFormat;
  }

  /// Why the model's chat template could not be used, if it could not.
  public Optional<String> chatTemplateError() {
    return chatTemplateError;
  }

  /// The model's trained context length.
  public int trainedContextLength() {
    return model.config().contextLength();
  }

  /// The default context for a session: [#CONTEXT_PROPERTY] (4096) capped by the trained length.
  public int defaultContextLength() {
    int wanted = 4096;
    String configured = System.getProperty(CONTEXT_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      try {
        wanted = Integer.parseInt(configured.trim());
      } catch (NumberFormatException e) {
        throw new ModelException("system property " + CONTEXT_PROPERTY + " must be an integer, was '" + configured + "'");
      }
    }
    if (wanted <= 0) {
      throw new ModelException("system property " + CONTEXT_PROPERTY + " must be > 0, was " + wanted);
    }
    return Math.min(wanted, trainedContextLength());
  }

  /// A generator over a new session with the given context length.
  public Generator newGenerator(int contextLength) {
    return new Generator(tokenizer, model.newSession(contextLength), contextLength);
  }

  /// A generator with the [#defaultContextLength()].
  public Generator newGenerator() {
    return newGenerator(defaultContextLength());
  }

  /// Releases the model and unmaps the file. Idempotent.
  @Override
  public void close() {
    try {
      model.close();
    } catch (Exception e) {
      // closing the file below is what frees the mapping; a model close failure changes nothing
    } finally {
      file.close();
    }
  }

  /// A template that failed to parse: rendering reports the original error.
  private record UnrenderableTemplate(io.nootropic.inference.chat.ChatTemplateException error) implements ChatFormat {
    @Override
    public String render(java.util.List<io.nootropic.api.model.ChatMessage> messages,
                         java.util.List<io.nootropic.api.tool.ToolDefinition> tools, boolean addGenerationPrompt) {
      throw error;
    }

    @Override
    public boolean isModelTemplate() {
      return true;
    }
  }

  /// What went wrong with a file, in words (the JDK's exceptions often carry only the path).
  static String why(IOException e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException n -> "no such file";
      case java.nio.file.AccessDeniedException a -> "permission denied";
      case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
  }
}
