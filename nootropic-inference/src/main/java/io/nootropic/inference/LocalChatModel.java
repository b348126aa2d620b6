package io.nootropic.inference;

import io.nootropic.api.NootropicException;
import io.nootropic.api.agent.CancellationToken;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.inference.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/// A [ChatModel] backed by a [LocalModel]: renders the model's chat template, generates with one
/// KV-cache session (so a growing conversation only processes its new turns), streams text and
/// returns the answer with token counts and timings.
///
/// When the request offers tools and the answer holds tool calls in a published format
/// (`<tool_call>{...}</tool_call>` blocks of Qwen/Hermes templates, or a bare
/// `{"name": ..., "parameters": {...}}` object of Llama 3.x), the response carries them as
/// [io.nootropic.api.tool.ToolCall]s with [io.nootropic.api.model.FinishReason#TOOL_CALLS]; the
/// streamed text is the raw output.
///
/// Calls are serialised (one session per model); cancellation is polled before every token, from
/// the token passed to [#chat(ChatRequest, StreamingHandler, CancellationToken)] or by
/// interrupting the calling thread.
public final class LocalChatModel implements ChatModel, AutoCloseable {

  private final LocalModel model;
  private final ModelDescriptor descriptor;
  private final Generator generator;
  private final Object lock = new Object();
  private boolean closed;

  /// Wraps an opened model with a session of `contextLength` tokens.
  public LocalChatModel(LocalModel model, ModelDescriptor descriptor, int contextLength) {
    this.model = Objects.requireNonNull(model, "model");
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    this.generator = model.newGenerator(contextLength);
  }

  @Override
  public ModelDescriptor descriptor() {
    return descriptor;
  }

  /// The underlying model.
  public LocalModel model() {
    return model;
  }

  @Override
  public ChatResponse chat(ChatRequest request, StreamingHandler handler) {
    return chat(request, handler, CancellationToken.NONE);
  }

  /// Answers a request, streaming text to `handler`, until done or `cancel` says stop.
  ///
  /// @throws io.nootropic.inference.chat.ChatTemplateException when the template cannot render
  ///     the conversation (e.g. it rejects a role order)
  /// @throws ContextOverflowException when the rendered prompt does not fit the context
  /// @throws ModelException when the model fails
  public ChatResponse chat(ChatRequest request, StreamingHandler handler, CancellationToken cancel) {
    Objects.requireNonNull(request, "request");
    StreamingHandler out = handler == null ? StreamingHandler.NONE : handler;
    CancellationToken token = cancel == null ? CancellationToken.NONE : cancel;
    CancellationToken combined = () -> token.isCancelled() || Thread.currentThread().isInterrupted();
    String prompt = model.chatFormat().render(request.messages(), request.tools(), true);
    int[] ids = tokenizePrompt(model.tokenizer(), prompt);
    GenerationOptions options = request.options();
    List<String> extraStops = model.chatFormat().stopStrings();
    if (!extraStops.isEmpty()) {
      LinkedHashSet<String> stops = new LinkedHashSet<>(options.stop());
      stops.addAll(extraStops);
      options = new GenerationOptions(options.maxTokens(), options.temperature(), options.topK(), options.topP(),
          options.minP(), options.repetitionPenalty(), options.presencePenalty(), options.seed(),
          new ArrayList<>(stops), options.jsonOutput());
    }
    GenerationResult result;
    synchronized (lock) {
      if (closed) {
        throw new ModelException("model " + descriptor.id() + " is closed");
      }
      try {
        result = generator.generate(ids, options, out::onToken, combined);
      } catch (NootropicException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ModelException("model " + descriptor.id() + " failed: " + e.getMessage(), e);
      }
    }
    String text = result.text();
    List<io.nootropic.api.tool.ToolCall> calls = List.of();
    io.nootropic.api.model.FinishReason reason = result.finishReason();
    if (!request.tools().isEmpty() && reason == io.nootropic.api.model.FinishReason.STOP) {
      java.util.Set<String> names = new java.util.HashSet<>();
      request.tools().forEach(t -> names.add(t.name()));
      ToolCallParser.Parsed parsed = ToolCallParser.parse(text, names);
      if (!parsed.calls().isEmpty()) {
        text = parsed.text();
        calls = parsed.calls();
        reason = io.nootropic.api.model.FinishReason.TOOL_CALLS;
      }
    }
    ChatResponse response = new ChatResponse(descriptor.id(), text, calls, reason, result.usage());
    out.onComplete(response);
    return response;
  }

  /// Tokenizes a rendered prompt: special-token text is parsed, and BOS is added only when the
  /// tokenizer adds one and the template did not already write it.
  static int[] tokenizePrompt(Tokenizer tokenizer, String prompt) {
    int bos = tokenizer.bos();
    boolean templateWroteBos = bos >= 0 && !tokenizer.piece(bos).isEmpty() && prompt.startsWith(tokenizer.piece(bos));
    return tokenizer.encode(prompt, !templateWroteBos, true);
  }

  /// Closes the model (unmaps its file). Waits for a running call to finish. Idempotent.
  @Override
  public void close() {
    synchronized (lock) {
      if (!closed) {
        closed = true;
        try {
          generator.close();
        } finally {
          model.close();
        }
      }
    }
  }
}
