package io.nootropic.cli.inference;

import io.nootropic.cli.common.CliFiles;
import io.nootropic.cli.common.GenerationFlags;
import io.nootropic.cli.common.Progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.inference.GenerationListener;
import io.nootropic.inference.GenerationResult;
import io.nootropic.inference.Generator;
import io.nootropic.inference.LocalModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/// `nootropic generate --model FILE --prompt TEXT`: plain text completion with a local GGUF model,
/// streamed to standard output.
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Continues a prompt with a local GGUF model (pure Java, in-process), streaming the text.",
      "The prompt is tokenized as is (BOS added as the model says; no chat template).",
      "To send a prompt through the model registry (local and remote models, budgets), use 'nootropic route'."
    })
public final class GenerateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "the .gguf model file")
  Path model;

  @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "TEXT", description = "the text to continue")
  String prompt;

  @Option(names = "--no-echo", description = "do not print the prompt before the generated text")
  boolean noEcho;

  @Option(names = "--json", description = "print one JSON object (text, token ids, finish reason, usage) instead of streaming")
  boolean json;

  /// Kept only to say where routing went: `generate` always runs the local file it is given.
  @Option(names = "--route", hidden = true, paramLabel = "STRATEGY")
  String route;

  @Mixin GenerationFlags sampling = new GenerationFlags();

  /// Creates the command; picocli fills in the fields.
  public GenerateCommand() {}

  @Override
  public Integer call() throws Exception {
    if (route != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "generate runs the local model it is given and"
          + " does not route; to route a prompt through the model registry, run: nootropic route -m " + model
          + " --route " + route + " -p TEXT (the same generation flags apply)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = Progress.of(spec);
    GenerationOptions options = sampling.toOptions(spec);
    CliFiles.requireFile(model, "--model");
    progress.say("loading " + model + " ...");
    long t0 = System.nanoTime();
    try (LocalModel local = LocalModel.open(model)) {
      int ctx = sampling.contextLength != null ? sampling.contextLength : local.defaultContextLength();
      if (ctx < 2 || ctx > local.trainedContextLength()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--ctx-size must be in [2, " + local.trainedContextLength() + "], was " + ctx);
      }
      progress.say(String.format(Locale.ROOT, "loaded %s (%s, context %d) in %d ms; seed %d", model.getFileName(),
          local.metadata().architecture(), ctx, (System.nanoTime() - t0) / 1_000_000, options.seed()));
      AtomicBoolean cancelled = new AtomicBoolean();
      Thread hook = new Thread(() -> cancelled.set(true));
      Runtime.getRuntime().addShutdownHook(hook);
      GenerationResult r;
      try (Generator generator = local.newGenerator(ctx)) {
        GenerationListener listener = GenerationListener.NONE;
        if (!json) {
          if (!noEcho) {
            out.print(prompt);
            out.flush();
          }
          listener = text -> {
            out.print(text);
            out.flush();
          };
        }
        r = generator.generate(prompt, options, listener, cancelled::get);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is exiting: the hook already ran
        }
      }
      double genSeconds = r.usage().generationTime().toNanos() / 1e9;
      double promptSeconds = r.usage().promptTime().toNanos() / 1e9;
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("model", model.toString());
        root.put("prompt", prompt);
        root.put("text", r.text());
        ArrayNode ids = root.putArray("tokens");
        for (int t : r.tokens()) {
          ids.add(t);
        }
        root.put("finishReason", r.finishReason().name().toLowerCase(Locale.ROOT));
        if (r.stopString() != null) {
          root.put("stopString", r.stopString());
        }
        root.put("seed", options.seed());
        ObjectNode usage = root.putObject("usage");
        usage.put("promptTokens", r.usage().inputTokens());
        usage.put("completionTokens", r.usage().outputTokens());
        usage.put("promptMillis", r.usage().promptTime().toNanos() / 1e6);
        usage.put("generationMillis", r.usage().generationTime().toNanos() / 1e6);
        usage.put("promptTokensPerSecond", promptSeconds > 0 ? r.usage().inputTokens() / promptSeconds : 0);
        usage.put("generationTokensPerSecond", genSeconds > 0 ? r.usage().outputTokens() / genSeconds : 0);
        out.print(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root).replace("\r\n", "\n") + "\n");
      } else {
        out.println();
      }
      out.flush();
      progress.say(String.format(Locale.ROOT, "[%s] prompt %d tokens %.1f tok/s, generated %d tokens %.1f tok/s",
          r.finishReason().name().toLowerCase(Locale.ROOT), r.usage().inputTokens(),
          promptSeconds > 0 ? r.usage().inputTokens() / promptSeconds : 0.0, r.usage().outputTokens(),
          genSeconds > 0 ? r.usage().outputTokens() / genSeconds : 0.0));
      return 0;
    }
  }
}
