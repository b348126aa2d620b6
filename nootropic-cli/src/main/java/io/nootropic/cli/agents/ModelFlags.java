package io.nootropic.cli.agents;

import io.nootropic.agents.model.RecordingChatModel;
import io.nootropic.agents.model.ReplayChatModel;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.inference.LocalModelProvider;
import io.nootropic.openai.OpenAiCompatibleProvider;
import io.nootropic.runtime.routing.CallContext;
import io.nootropic.runtime.routing.ModelRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/// The model flags of `run` and `resume`: a local GGUF file, an OpenAI-compatible endpoint or a
/// replay file, and `--record` to save the traffic. Local and remote models go through the
/// [ModelRegistry], so routing, resilience and budgets apply.
public final class ModelFlags {

  /// One line saying how to point a run at a model.
  public static final String HOW_TO = "no model: pass --model FILE.gguf (a local GGUF file), --remote URL --remote-model ID"
      + " (an OpenAI-compatible endpoint, key in $OPENAI_API_KEY), or --model replay:FILE (recorded traffic)";

  @Option(names = "--model", paramLabel = "REF",
      description = "A local GGUF file, or replay:FILE to answer from recorded traffic.")
  String model;

  @Option(names = "--remote", paramLabel = "URL", description = "An OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1.")
  URI remote;

  @Option(names = "--remote-model", paramLabel = "ID", description = "The model of --remote.")
  String remoteModel;

  @Option(names = "--remote-api-key-env", paramLabel = "VAR", defaultValue = "OPENAI_API_KEY",
      description = "The environment variable holding the remote API key (default: ${DEFAULT-VALUE}).")
  String remoteKeyEnv;

  @Option(names = "--record", paramLabel = "FILE", description = "Save the model traffic to FILE (replay it with --model replay:FILE).")
  Path record;

  /// Whether any model was named.
  boolean given() {
    return model != null || remote != null;
  }

  /// The model, and what to close after the run.
  record Opened(ChatModel model, List<AutoCloseable> closeables) implements AutoCloseable {
    @Override
    public void close() {
      for (AutoCloseable c : closeables.reversed()) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing after the run; nothing to save
        }
      }
    }
  }

  /// Opens the model.
  ///
  /// @throws IllegalArgumentException with a one-line message when the flags are wrong
  Opened open() throws IOException {
    return open(0);
  }

  /// Opens the model; a replay file skips its first `replayed` responses (a resumed run's).
  Opened open(int replayed) throws IOException {
    List<AutoCloseable> closeables = new ArrayList<>();
    ChatModel chat;
    if (model != null && model.startsWith("replay:")) {
      chat = ReplayChatModel.open(Path.of(model.substring("replay:".length()))).skip(replayed);
    } else {
      ModelProvider provider;
      if (remote != null) {
        if (remoteModel == null) {
          throw new IllegalArgumentException("--remote needs --remote-model ID");
        }
        var b = OpenAiCompatibleProvider.builder("remote", remote)
            .model(new ModelDescriptor(remoteModel, "remote", 32_768, null, true, true, 0, 0, Duration.ofMillis(500), false));
        String key = System.getenv(remoteKeyEnv);
        if (key != null && !key.isBlank()) {
          b.apiKey(key);
        }
        provider = b.build();
      } else if (model != null) {
        Path file = Path.of(model);
        if (!Files.isRegularFile(file)) {
          throw new IllegalArgumentException("--model " + model + ": no such file (a GGUF file, or replay:FILE)");
        }
        LocalModelProvider local = new LocalModelProvider(List.of(file));
        if (local.models().isEmpty()) {
          throw new IllegalArgumentException("--model " + model + ": " + local.problems().values().stream().findFirst()
              .orElse("not a usable GGUF model"));
        }
        provider = local;
      } else {
        throw new IllegalArgumentException(HOW_TO);
      }
      ModelRegistry registry = ModelRegistry.builder().provider(provider).build();
      closeables.add(registry);
      ChatModel routed = registry.asChatModel(CallContext.DEFAULT);
      // one model behind the router: agents see its real descriptor (local or not, context length, costs)
      ModelDescriptor only = provider.models().getFirst();
      chat = new ChatModel() {
        @Override
        public ModelDescriptor descriptor() {
          return only;
        }

        @Override
        public io.nootropic.api.model.ChatResponse chat(io.nootropic.api.model.ChatRequest request,
                                                      io.nootropic.api.model.StreamingHandler handler) {
          return routed.chat(request, handler);
        }
      };
    }
    if (record != null) {
      try {
        RecordingChatModel recording = RecordingChatModel.of(chat, record);
        closeables.add(recording);
        chat = recording;
      } catch (RuntimeException e) {
        new Opened(chat, closeables).close();
        throw new IllegalArgumentException("--record " + record + ": " + e.getMessage(), e);
      }
    }
    return new Opened(chat, closeables);
  }
}
