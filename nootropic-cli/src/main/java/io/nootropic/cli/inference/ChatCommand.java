package io.nootropic.cli.inference;

import io.nootropic.cli.common.CliFiles;
import io.nootropic.cli.common.GenerationFlags;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.inference.LocalChatModel;
import io.nootropic.inference.LocalModel;
import io.nootropic.inference.transformer.ContextLengthException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/// `nootropic chat --model FILE`: an interactive conversation with a local GGUF model, using the
/// model's own chat template. Each line read from standard input is a user message; `/exit`
/// quits, `/reset` starts a new conversation.
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = {
      "Chats with a local GGUF model (pure Java, in-process) using the model's chat template.",
      "Each input line is a user message; /exit quits, /reset forgets the conversation."
    })
public final class ChatCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "the .gguf model file")
  Path model;

  @Option(names = "--system", paramLabel = "TEXT", description = "a system message to start the conversation with")
  String system;

  @Mixin GenerationFlags sampling = new GenerationFlags();

  /// Creates the command; picocli fills in the fields.
  public ChatCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GenerationOptions options = sampling.toOptions(spec);
    CliFiles.requireFile(model, "--model");
    err.printf("loading %s ...%n", model);
    err.flush();
    LocalModel local = LocalModel.open(model);
    int ctx = sampling.contextLength != null ? sampling.contextLength : local.defaultContextLength();
    if (ctx < 2 || ctx > local.trainedContextLength()) {
      local.close();
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--ctx-size must be in [2, " + local.trainedContextLength() + "], was " + ctx);
    }
    String id = model.getFileName().toString().replaceFirst("(?i)\\.gguf$", "");
    ModelDescriptor descriptor = new ModelDescriptor(id, "local", ctx, Set.of(), false, false, 0, 0,
        Duration.ZERO, true);
    try (LocalChatModel chat = new LocalChatModel(local, descriptor, ctx)) {
      err.printf("chat with %s (%s, context %d, %s); seed %d. /exit quits, /reset starts over.%n", id,
          local.metadata().architecture(), ctx,
          local.chatFormat().isModelTemplate() ? "its chat template" : "no chat template: simple User:/Assistant: format",
          options.seed());
      local.chatTemplateError().ifPresent(e -> err.println("warning: the model's chat template cannot be used: " + e));
      err.flush();
      List<ChatMessage> conversation = new ArrayList<>();
      if (system != null && !system.isBlank()) {
        conversation.add(ChatMessage.system(system));
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (true) {
        err.print("> ");
        err.flush();
        String line = in.readLine();
        if (line == null || line.strip().equals("/exit")) {
          break;
        }
        if (line.strip().equals("/reset")) {
          conversation.clear();
          if (system != null && !system.isBlank()) {
            conversation.add(ChatMessage.system(system));
          }
          err.println("(conversation cleared)");
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        conversation.add(ChatMessage.user(line));
        ChatResponse r;
        try {
          r = chat.chat(new ChatRequest(id, conversation, options, List.of()), text -> {
            out.print(text);
            out.flush();
          });
        } catch (ContextLengthException e) {
          conversation.remove(conversation.size() - 1);
          err.println("error: " + e.getMessage() + "; /reset to start a new conversation");
          err.flush();
          continue;
        }
        out.println();
        out.flush();
        conversation.add(ChatMessage.assistant(r.text().strip()));
        double s = r.usage().generationTime().toNanos() / 1e9;
        err.printf(Locale.ROOT, "[%s, %d prompt + %d tokens, %.1f tok/s]%n",
            r.finishReason().name().toLowerCase(Locale.ROOT), r.usage().inputTokens(), r.usage().outputTokens(),
            s > 0 ? r.usage().outputTokens() / s : 0.0);
        if (r.finishReason() == FinishReason.LENGTH) {
          err.println("(reply cut at the token limit; raise -n)");
        }
        err.flush();
      }
    }
    return 0;
  }
}
