package io.nootropic.testing;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.api.model.TokenCounter;
import io.nootropic.api.model.Usage;
import io.nootropic.api.tool.ToolCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/// A model that answers from a script, for deterministic agent tests (mini-swe-agent's
/// `DeterministicModel`): each call takes the next reply, which is fixed text, tool calls, or a
/// function of the request. Every request is recorded, so a test can read what the agent sent.
/// Usage counts words (prompt and reply) unless a reply says otherwise; replies longer than the
/// request's `maxTokens` words are cut with finish reason `length`.
///
/// ```java
/// ScriptedChatModel model = ScriptedChatModel.of(
///     Reply.tools(ToolCallSpec.of("fs_read", "{\"path\":\"Calc.java\"}")),
///     Reply.text("Fixed."));
/// ```
public final class ScriptedChatModel implements ChatModel, ModelProvider {

  /// One scripted reply.
  ///
  /// @param text     the reply's text
  /// @param calls    the tool calls it asks for
  /// @param usage    the usage it reports, or `null` to count words
  /// @param dynamic  a function of the request giving the reply, or `null`
  public record Reply(String text, List<ToolCall> calls, Usage usage, Function<ChatRequest, Reply> dynamic) {

    /// Copies the list.
    public Reply {
      text = text == null ? "" : text;
      calls = calls == null ? List.of() : List.copyOf(calls);
    }

    /// A text reply.
    public static Reply text(String text) {
      return new Reply(text, List.of(), null, null);
    }

    /// A reply calling tools, as `name`, `argumentsJson` pairs; ids are `call_1`, `call_2`, ...
    public static Reply tools(String... nameThenArguments) {
      if (nameThenArguments.length % 2 != 0) {
        throw new IllegalArgumentException("give tool names and argument objects in pairs");
      }
      List<ToolCall> calls = new ArrayList<>();
      for (int i = 0; i < nameThenArguments.length; i += 2) {
        calls.add(new ToolCall("call_" + (i / 2 + 1), nameThenArguments[i], nameThenArguments[i + 1]));
      }
      return new Reply("", calls, null, null);
    }

    /// A reply computed from the request (e.g. echoing a file the prompt holds).
    public static Reply from(Function<ChatRequest, Reply> f) {
      return new Reply("", List.of(), null, Objects.requireNonNull(f, "f"));
    }

    /// A copy reporting `usage`.
    public Reply withUsage(Usage usage) {
      return new Reply(text, calls, usage, dynamic);
    }
  }

  private final ModelDescriptor descriptor;
  private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
  private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger calls = new AtomicInteger();
  private volatile Reply otherwise;

  private ScriptedChatModel(ModelDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /// A model `scripted` of provider `scripted` (tools supported, 32k context) with `replies`.
  public static ScriptedChatModel of(Reply... replies) {
    return withDescriptor(new ModelDescriptor("scripted", "scripted", 32768, null, true, true, 0, 0, Duration.ZERO, true),
        replies);
  }

  /// A model with its own descriptor (e.g. with costs, to test budgets) and `replies`.
  public static ScriptedChatModel withDescriptor(ModelDescriptor descriptor, Reply... replies) {
    ScriptedChatModel m = new ScriptedChatModel(descriptor);
    m.then(replies);
    return m;
  }

  /// Queues more replies.
  public ScriptedChatModel then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /// The reply once the script is used up (default: a failure saying so).
  public ScriptedChatModel otherwise(Reply reply) {
    this.otherwise = reply;
    return this;
  }

  /// Every request received, in order.
  public List<ChatRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /// How many calls were made.
  public int calls() {
    return calls.get();
  }

  /// How many scripted replies are left.
  public int remaining() {
    return script.size();
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public ChatResponse chat(ChatRequest request, StreamingHandler handler) {
    requests.add(request);
    int n = calls.incrementAndGet();
    Reply r = script.poll();
    if (r == null) {
      r = otherwise;
    }
    if (r == null) {
      throw new ModelException("the scripted model has no reply left for call " + n + " (its script had "
          + (n - 1) + " replies)");
    }
    if (r.dynamic() != null) {
      r = r.dynamic().apply(request);
    }
    String text = r.text();
    FinishReason finish = r.calls().isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
    String[] words = text.isEmpty() ? new String[0] : text.split("(?<=\\s)");
    if (words.length > request.options().maxTokens() && r.calls().isEmpty()) {
      text = String.join("", List.of(words).subList(0, request.options().maxTokens()));
      words = text.split("(?<=\\s)");
      finish = FinishReason.LENGTH;
    }
    StringBuilder emitted = new StringBuilder();
    int emittedWords = 0;
    for (String w : words) {
      if (Thread.currentThread().isInterrupted()) {
        finish = FinishReason.CANCELLED;
        break;
      }
      handler.onToken(w);
      emitted.append(w);
      emittedWords++;
    }
    List<ToolCall> calls = r.calls();
    if (finish == FinishReason.CANCELLED) {
      // a cancelled reply is what was streamed before the stop, and never calls a tool
      text = emitted.toString();
      calls = List.of();
    }
    long in = request.messages().stream().mapToLong(m -> TokenCounter.APPROXIMATE.count(m.content())).sum();
    Usage usage = r.usage() != null ? r.usage() : new Usage(Math.max(1, in), Math.max(1, emittedWords), Duration.ZERO, Duration.ZERO);
    ChatResponse response = new ChatResponse(descriptor.id(), text, calls, finish, usage);
    handler.onComplete(response);
    return response;
  }

  // ------------------------------------------------------------------ as a provider

  @Override
  public String name() {
    return descriptor.provider();
  }

  @Override
  public List<ModelDescriptor> models() {
    return List.of(descriptor);
  }

  @Override
  public ChatModel chatModel(String modelId) {
    if (!descriptor.id().equals(modelId)) {
      throw new ModelException("the scripted provider has only model '" + descriptor.id() + "', not '" + modelId + "'");
    }
    return this;
  }

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("model." + descriptor.provider(), CapabilityKind.MODEL_PROVIDER)
        .summary("A model answering from a script, for tests").build();
  }
}
