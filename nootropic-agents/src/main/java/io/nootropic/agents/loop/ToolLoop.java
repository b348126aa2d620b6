package io.nootropic.agents.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.agents.ToolError;
import io.nootropic.api.agent.CancellationToken;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.Role;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.api.model.Usage;
import io.nootropic.api.tool.Tool;
import io.nootropic.api.tool.ToolCall;
import io.nootropic.api.tool.Tools;
import io.nootropic.runtime.routing.BudgetExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/// The tool-calling loop, for any [ChatModel]: ask the model, run the tools it calls (arguments
/// are validated against each tool's schema first), give it back each result or error, repeat
/// until it answers without calling a tool or a limit is reached.
///
/// It stops on the first of: an answer, [Limits#maxSteps()] model calls, [Limits#maxTokens()]
/// tokens, [Limits#maxTime()], the budget (a [BudgetExceededException] from a routed model),
/// cancellation, or [Limits#maxMalformed()] steps in a row in which every tool call was malformed
/// (an unknown tool or arguments that break the schema). The history is a plain list a test can
/// read.
public final class ToolLoop {

  private static final ObjectMapper JSON = new ObjectMapper();

  /// The bounds of one loop.
  ///
  /// @param maxSteps     most model calls
  /// @param maxTokens    most prompt plus completion tokens, summed over the calls
  /// @param maxTime      most wall time
  /// @param maxMalformed most steps in a row whose every tool call was malformed
  public record Limits(int maxSteps, long maxTokens, Duration maxTime, int maxMalformed) {

    /// Checks the values.
    public Limits {
      if (maxSteps < 1 || maxTokens < 1 || maxMalformed < 1) {
        throw new IllegalArgumentException("limits must be at least 1");
      }
      Objects.requireNonNull(maxTime, "maxTime");
    }

    /// 20 steps, 200,000 tokens, 10 minutes, 3 malformed steps in a row.
    public static Limits defaults() {
      return new Limits(20, 200_000, Duration.ofMinutes(10), 3);
    }

    /// A copy with another step limit.
    public Limits withMaxSteps(int steps) {
      return new Limits(steps, maxTokens, maxTime, maxMalformed);
    }
  }

  /// Why a loop ended.
  public enum Stop {
    /// The model answered without calling a tool.
    ANSWERED,
    /// The step limit was reached.
    MAX_STEPS,
    /// The token limit was reached.
    MAX_TOKENS,
    /// The time limit was reached.
    MAX_TIME,
    /// The budget refused another call.
    BUDGET,
    /// The caller cancelled.
    CANCELLED,
    /// Too many steps in a row held only malformed tool calls.
    MALFORMED
  }

  /// One tool call and what came of it.
  ///
  /// @param call      the call
  /// @param ok        whether the tool ran and returned
  /// @param errorType for an error, its type (`invalid-arguments`, `unknown-tool`,
  ///                  `workspace-violation`, ...), else `null`
  /// @param result    what the model was given: the tool's JSON result or `{"error":{...}}`
  public record ToolOutcome(ToolCall call, boolean ok, String errorType, String result) {}

  /// One model call and the tool calls it asked for.
  ///
  /// @param number   the step, from 1
  /// @param response the model's response
  /// @param outcomes one per tool call
  public record Step(int number, ChatResponse response, List<ToolOutcome> outcomes) {}

  /// How a loop ended.
  ///
  /// @param stop    why
  /// @param answer  the model's last text
  /// @param history the conversation, the given messages first
  /// @param steps   every step
  /// @param usage   tokens and time summed over the model calls
  public record Result(Stop stop, String answer, List<ChatMessage> history, List<Step> steps, Usage usage) {}

  private final ChatModel model;
  private final Tools tools;
  private final Limits limits;
  private StreamingHandler streaming = StreamingHandler.NONE;

  /// A loop asking `model`, offering `tools`, within `limits`.
  public ToolLoop(ChatModel model, Tools tools, Limits limits) {
    this.model = Objects.requireNonNull(model, "model");
    this.tools = Objects.requireNonNull(tools, "tools");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /// Streams each reply to `handler` (servers that stream keep long replies alive); by default
  /// replies are not streamed.
  public ToolLoop streaming(StreamingHandler handler) {
    this.streaming = handler == null ? StreamingHandler.NONE : handler;
    return this;
  }

  /// Runs the loop from `conversation`.
  ///
  /// @throws ModelException when the model fails (other than by the budget)
  public Result run(List<ChatMessage> conversation, GenerationOptions options, CancellationToken cancel) {
    List<ChatMessage> history = new ArrayList<>(conversation);
    List<Step> steps = new ArrayList<>();
    Usage usage = Usage.NONE;
    long deadline = System.nanoTime() + limits.maxTime().toNanos();
    int malformedInARow = 0;
    String answer = "";
    CancellationToken token = cancel == null ? CancellationToken.NONE : cancel;
    for (int n = 1; ; n++) {
      if (token.isCancelled() || Thread.currentThread().isInterrupted()) {
        return new Result(Stop.CANCELLED, answer, history, steps, usage);
      }
      if (n > limits.maxSteps()) {
        return new Result(Stop.MAX_STEPS, answer, history, steps, usage);
      }
      if (usage.totalTokens() >= limits.maxTokens()) {
        return new Result(Stop.MAX_TOKENS, answer, history, steps, usage);
      }
      if (System.nanoTime() >= deadline) {
        return new Result(Stop.MAX_TIME, answer, history, steps, usage);
      }
      ChatResponse response;
      try {
        response = model.chat(new ChatRequest(null, history, options, tools.definitions()), streaming);
      } catch (BudgetExceededException e) {
        return new Result(Stop.BUDGET, answer, history, steps, usage);
      }
      usage = usage.plus(response.usage());
      answer = response.text();
      history.add(new ChatMessage(Role.ASSISTANT, response.text(), response.toolCalls(), null));
      if (response.toolCalls().isEmpty()) {
        steps.add(new Step(n, response, List.of()));
        return new Result(Stop.ANSWERED, answer, history, steps, usage);
      }
      List<ToolOutcome> outcomes = new ArrayList<>();
      boolean allMalformed = true;
      for (ToolCall call : response.toolCalls()) {
        ToolOutcome o = invoke(call);
        outcomes.add(o);
        history.add(ChatMessage.tool(call.id(), o.result()));
        if (o.ok() || !(("invalid-arguments".equals(o.errorType())) || "unknown-tool".equals(o.errorType()))) {
          allMalformed = false;
        }
      }
      steps.add(new Step(n, response, outcomes));
      malformedInARow = allMalformed ? malformedInARow + 1 : 0;
      if (malformedInARow >= limits.maxMalformed()) {
        return new Result(Stop.MALFORMED, answer, history, steps, usage);
      }
    }
  }

  private ToolOutcome invoke(ToolCall call) {
    Optional<Tool> tool = tools.find(call.name());
    if (tool.isEmpty()) {
      return error(call, "unknown-tool", "there is no tool '" + call.name() + "'; the tools are "
          + tools.definitions().stream().map(d -> d.name()).toList());
    }
    try {
      return new ToolOutcome(call, true, null, tool.get().invoke(call.argumentsJson()));
    } catch (RuntimeException e) {
      if (e instanceof ToolError te) {
        return error(call, te.type(), te.getMessage());
      }
      return error(call, "tool-failed", call.name() + " failed: " + e.getMessage());
    }
  }

  private static ToolOutcome error(ToolCall call, String type, String message) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("error").put("type", type).put("message", message);
    return new ToolOutcome(call, false, type, root.toString());
  }
}
