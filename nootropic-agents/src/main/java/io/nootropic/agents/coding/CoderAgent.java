package io.nootropic.agents.coding;

import io.nootropic.agents.edit.Edit;
import io.nootropic.agents.edit.EditApplier;
import io.nootropic.agents.edit.EditFormat;
import io.nootropic.agents.edit.EditFormats;
import io.nootropic.agents.runtime.RunContext;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.api.model.TokenCounter;
import io.nootropic.runtime.agent.AgentInvocation;
import io.nootropic.runtime.agent.BaseAgent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/// Asks a model for edits in one [EditFormat] and applies them, all or none. The prompt is the
/// editor's alone (the goal, the gathered files, the failing output, the critic's feedback), kept
/// apart from planning. Three strategies shape it: `mutator` (change existing code, the default),
/// `writer` (new files) and `refactor` (rename or move without changing behaviour).
public final class CoderAgent extends BaseAgent<CoderAgent.Task, CoderAgent.Result> {

  /// One edit request.
  ///
  /// @param goal        what to achieve
  /// @param context     the gathered code
  /// @param evidence    what is wrong now (failing tests and output), or `""`
  /// @param format      the edit format's name
  /// @param strategy    `mutator`, `writer` or `refactor`
  /// @param feedback    what went wrong with earlier attempts, or `""`
  /// @param guidance    a person's guidance, or `""`
  /// @param temperature sampling temperature
  /// @param model       a model to ask instead of the routed one, or `null`
  /// @param stream      whether to stream the reply (servers that stream keep connections alive on long replies)
  /// @param tools       whether a model that calls tools may edit through them
  public record Task(String goal, CodeContext context, String evidence, String format, String strategy,
                     String feedback, String guidance, double temperature, String model, boolean stream, boolean tools) {}

  /// What the model replied and what came of it.
  ///
  /// @param model     the model that answered
  /// @param reply     its whole reply
  /// @param rationale its explanation (the reply's text before the first edit)
  /// @param edits     the paths of the edits parsed, in order
  /// @param applied   whether every edit applied
  /// @param feedback  for a failure, what to tell the model (parse errors, failed matches)
  /// @param inputTokens  prompt tokens
  /// @param outputTokens completion tokens
  public record Result(String model, String reply, String rationale, List<String> edits, boolean applied,
                       String feedback, long inputTokens, long outputTokens) {}

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("agent.coder", CapabilityKind.AGENT).version("0.1.0")
        .summary("Asks a model for edits in an edit format (whole, diff, udiff, patch) and applies them all or none.")
        .tags("agent", "coder", "edits").build();
  }

  /// The format a model writes best: `whole` for local models (small ones write malformed
  /// diffs), `diff` for the rest.
  public static String defaultFormat(ModelDescriptor model) {
    return model.local() ? "whole" : "diff";
  }

  @Override
  protected AgentResponse<Result> doExecute(AgentRequest<Task> request, AgentInvocation invocation) {
    RunContext ctx = Contexts.run(invocation.context(), "the coder");
    Task task = request.input();
    EditFormat format = EditFormats.forName(task.format());
    List<ChatMessage> messages = List.of(ChatMessage.system(systemPrompt(format, task.strategy())),
        ChatMessage.user(userPrompt(task)));
    int contextLength = ctx.model().descriptor().contextLength();
    int prompt = messages.stream().mapToInt(m -> TokenCounter.APPROXIMATE.count(m.content())).sum();
    int maxTokens = Math.max(64, Math.min(4096, contextLength - prompt - 16));
    GenerationOptions options = new GenerationOptions(maxTokens, task.temperature(), 0, 1.0, 0.0, 1.0, 0.0, 42L, List.of(), false);
    if (task.tools() && ctx.model().descriptor().supportsTools()) {
      Result viaTools = withTools(ctx, messages, options, format, task.stream());
      if (viaTools != null) {
        return AgentResponse.of(viaTools, viaTools.edits().size() + " files changed through tools");
      }
    }
    ChatResponse response = ctx.model().chat(new ChatRequest(task.model(), messages, options, List.of()),
        task.stream() ? text -> { } : StreamingHandler.NONE);
    return AgentResponse.of(applyText(ctx, format, response.text(), response.model(), response.usage().inputTokens(),
        response.usage().outputTokens()), "edits parsed");
  }

  /// The editing tools a model that calls tools may use; running commands stays with the critic.
  static final List<String> EDITING_TOOLS = List.of("fs.read", "fs.list", "fs.edit", "fs.write", "search.code");

  /// Lets a tool-calling model read and edit through the workspace tools. Returns `null` when it
  /// changed nothing, so its final answer is read as a reply in the format instead (text-only
  /// models, or a model that chose to answer with edits).
  private Result withTools(RunContext ctx, List<ChatMessage> messages, GenerationOptions options, EditFormat format,
                           boolean stream) {
    java.util.Set<String> changed = new java.util.LinkedHashSet<>();
    io.nootropic.agents.workspace.Workspace.ChangeListener listener = changed::add;
    io.nootropic.api.tool.Tools editing = () -> ctx.tools().all().stream()
        .filter(t -> EDITING_TOOLS.contains(t.describe().name())).toList();
    List<ChatMessage> prompt = new ArrayList<>(messages);
    prompt.set(0, ChatMessage.system(messages.getFirst().content() + "\n\nYou may instead make the changes with the tools"
        + " (fs_read, fs_list, fs_edit, fs_write, search_code), then answer with one sentence saying what you changed."));
    ctx.workspace().addListener(listener);
    io.nootropic.agents.loop.ToolLoop.Result r;
    try {
      r = new io.nootropic.agents.loop.ToolLoop(ctx.model(), editing, io.nootropic.agents.loop.ToolLoop.Limits.defaults()
          .withMaxSteps(12)).streaming(stream ? text -> { } : StreamingHandler.NONE).run(prompt, options, ctx.cancellation());
    } finally {
      ctx.workspace().removeListener(listener);
    }
    if (changed.isEmpty()) {
      return r.answer().isBlank() ? null
          : applyText(ctx, format, r.answer(), ctx.model().descriptor().id(),
              r.usage().inputTokens(), r.usage().outputTokens());
    }
    List<String> paths = changed.stream().map(p -> "tool " + p).toList();
    return new Result(ctx.model().descriptor().id(), r.answer(), rationale(r.answer()), paths, true, "",
        r.usage().inputTokens(), r.usage().outputTokens());
  }

  private static Result applyText(RunContext ctx, EditFormat format, String reply, String model, long in, long out) {
    EditApplier.ReplyReport report = EditApplier.applyReply(ctx.workspace(), format, reply, false);
    List<String> paths = new ArrayList<>();
    for (Edit e : report.parse().edits()) {
      paths.add(e.kind() + " " + e.path());
    }
    return new Result(model, reply, rationale(reply), paths, report.ok(), report.ok() ? "" : report.feedback(), in, out);
  }

  static String systemPrompt(EditFormat format, String strategy) {
    String role = switch (strategy == null ? "mutator" : strategy.toLowerCase(Locale.ROOT)) {
      case "writer" -> "You write new code files that reach the goal, in the style of the code around them.";
      case "refactor" -> "You restructure code without changing what it does: every use of a renamed or moved"
          + " symbol changes with it.";
      default -> "You change existing code so that the goal is reached: make the smallest change that does it,"
          + " and keep the code's style.";
    };
    return "You are the editor of a coding agent. " + role + "\n"
        + "First explain the change in one or two sentences. Then write every edit in this format:\n\n"
        + format.instructions().strip() + "\n\n"
        + "Edit only the files shown to you, or create new ones. Do not edit the tests unless the goal asks for it.";
  }

  static String userPrompt(Task task) {
    StringBuilder sb = new StringBuilder();
    sb.append("Goal: ").append(task.goal().strip()).append("\n\n");
    sb.append(task.context().render());
    if (task.evidence() != null && !task.evidence().isBlank()) {
      sb.append("What fails now:\n").append(task.evidence().strip()).append("\n\n");
    }
    if (task.feedback() != null && !task.feedback().isBlank()) {
      sb.append("Your earlier attempts did not work:\n").append(task.feedback().strip()).append("\n\n");
    }
    if (task.guidance() != null && !task.guidance().isBlank()) {
      sb.append("Guidance from the user: ").append(task.guidance().strip()).append("\n\n");
    }
    sb.append("Reply with the explanation and the edits.");
    return sb.toString();
  }

  /// The reply's first paragraph before any edit, at most 600 characters.
  static String rationale(String reply) {
    StringBuilder sb = new StringBuilder();
    for (String line : reply.strip().split("\n")) {
      String l = line.strip();
      if (l.startsWith("```") || l.startsWith("<<<<<<<") || l.startsWith("---") || l.startsWith("***")
          || l.matches("[\\w./-]+\\.[A-Za-z0-9]+")) {
        break;
      }
      if (l.isEmpty() && !sb.isEmpty()) {
        break;
      }
      sb.append(sb.isEmpty() ? "" : " ").append(l);
    }
    String s = sb.toString().strip();
    return s.length() > 600 ? s.substring(0, 600) + "..." : s;
  }
}
