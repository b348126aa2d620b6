package io.nootropic.inference;

import io.nootropic.api.agent.CancellationToken;
import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.Usage;
import io.nootropic.inference.transformer.InferenceSession;
import io.nootropic.inference.sampling.Sampler;
import io.nootropic.inference.tokenizer.Tokenizer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/// Generates text from a prompt with one [InferenceSession]: samples tokens, streams complete
/// UTF-8 text, and stops on an end-of-generation token, a stop string, the token limit, a full
/// context or cancellation.
///
/// Between calls the generator remembers which tokens are in the session's KV cache; a new prompt
/// that starts with the same tokens (a growing chat, a fixed system prompt) only has its new
/// suffix processed (`rewind` to the common prefix, then `ingest` the rest).
///
/// Stop strings are matched on the decoded text: text that could be the beginning of a stop
/// string is held back until it is certain it is not, and a stop string is never emitted.
///
/// A generator is not thread-safe (neither is its session); [CancellationToken]s may be flipped
/// from any thread and are polled before each token.
public final class Generator implements AutoCloseable {

  private final Tokenizer tokenizer;
  private final InferenceSession session;
  private final int contextLength;
  private int[] cached = new int[0];
  private int cachedLength;

  /// A generator over a session, using the whole of its KV cache.
  public Generator(Tokenizer tokenizer, InferenceSession session) {
    this(tokenizer, session, session.contextLength());
  }

  /// A generator over a session that uses at most `contextLength` tokens of its KV cache.
  public Generator(Tokenizer tokenizer, InferenceSession session, int contextLength) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.session = Objects.requireNonNull(session, "session");
    if (contextLength <= 0) {
      throw new IllegalArgumentException("contextLength must be > 0, was " + contextLength);
    }
    this.contextLength = contextLength;
    this.cachedLength = 0;
  }

  /// The tokenizer.
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /// The context length of the session.
  public int contextLength() {
    return contextLength;
  }

  /// The tokens currently held in the session's KV cache (prompt and generated tokens fed back).
  public int[] cachedTokens() {
    return Arrays.copyOf(cached, cachedLength);
  }

  /// Forgets the cached prefix; the next call processes its whole prompt.
  public void reset() {
    cachedLength = 0;
    session.rewind(0);
  }

  /// Tokenizes `prompt` (adding BOS/EOS as the model's metadata says and parsing special-token
  /// text) and generates.
  ///
  /// @throws ContextOverflowException when the prompt does not fit the context
  public GenerationResult generate(String prompt, GenerationOptions options, GenerationListener listener,
                                   CancellationToken cancel) {
    return generate(tokenizer.encode(prompt, true, true), options, listener, cancel);
  }

  /// Generates from already tokenized prompt ids.
  ///
  /// @throws ContextOverflowException when the prompt does not fit the context
  /// @throws IllegalArgumentException when the prompt is empty or holds ids outside the vocabulary
  public GenerationResult generate(int[] prompt, GenerationOptions options, GenerationListener listener,
                                   CancellationToken cancel) {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(options, "options");
    listener = listener == null ? GenerationListener.NONE : listener;
    cancel = cancel == null ? CancellationToken.NONE : cancel;
    if (prompt.length == 0) {
      throw new IllegalArgumentException("the prompt has no tokens");
    }
    int vocab = tokenizer.vocabSize();
    for (int t : prompt) {
      if (t < 0 || t >= vocab) {
        throw new IllegalArgumentException("prompt token " + t + " is outside the vocabulary [0, " + vocab + ")");
      }
    }
    if (prompt.length >= contextLength) {
      throw new ContextOverflowException(prompt.length, contextLength);
    }

    long start = System.nanoTime();
    // prompt prefix reuse: keep the common prefix, but always re-process at least the last token
    int common = 0;
    int limit = Math.min(cachedLength, prompt.length - 1);
    while (common < limit && cached[common] == prompt[common]) {
      common++;
    }
    if (session.position() != common) {
      session.rewind(common);
    }
    cachedLength = common;
    float[] logits = session.ingest(Arrays.copyOfRange(prompt, common, prompt.length));
    append(prompt, common, prompt.length - common);
    long promptDone = System.nanoTime();

    Sampler sampler = Sampler.of(options, vocab);
    int window = Math.max(0, prompt.length - Sampler.DEFAULT_PENALTY_WINDOW);
    for (int i = window; i < prompt.length; i++) {
      sampler.accept(prompt[i]);
    }
    StopStringMatcher stops = new StopStringMatcher(options.stop());
    Utf8Assembler utf8 = new Utf8Assembler();
    StringBuilder text = new StringBuilder();
    int[] generated = new int[Math.min(options.maxTokens(), contextLength)];
    int count = 0;
    FinishReason reason = FinishReason.LENGTH;
    while (true) {
      if (cancel.isCancelled()) {
        reason = FinishReason.CANCELLED;
        break;
      }
      int token = sampler.sample(logits);
      if (tokenizer.isEndOfGeneration(token)) {
        reason = FinishReason.STOP;
        break;
      }
      if (count == generated.length) {
        generated = Arrays.copyOf(generated, generated.length * 2);
      }
      generated[count++] = token;
      sampler.accept(token);
      listener.onToken(token);
      String piece = stops.push(utf8.feed(tokenizer.tokenBytes(token)));
      if (!piece.isEmpty()) {
        text.append(piece);
        listener.onText(piece);
      }
      if (stops.matched() != null) {
        reason = FinishReason.STOP;
        break;
      }
      if (count >= options.maxTokens() || session.position() >= contextLength) {
        reason = FinishReason.LENGTH;
        break;
      }
      logits = session.next(token);
      appendOne(token);
    }
    if (stops.matched() == null) {
      String rest = stops.push(utf8.finish()) + stops.flush();
      if (stops.matched() == null && !rest.isEmpty()) {
        text.append(rest);
        listener.onText(rest);
      } else if (stops.matched() != null) {
        // the final bytes completed a stop string
        text.append(rest);
        if (!rest.isEmpty()) {
          listener.onText(rest);
        }
        reason = FinishReason.STOP;
      }
    }
    long end = System.nanoTime();
    Usage usage = new Usage(prompt.length, count, Duration.ofNanos(promptDone - start),
        Duration.ofNanos(end - promptDone));
    return new GenerationResult(text.toString(), Arrays.copyOf(generated, count), reason, usage, common,
        stops.matched());
  }

  /// Closes the session (frees its KV cache). Idempotent.
  @Override
  public void close() {
    session.close();
  }

  private void appendOne(int token) {
    if (cachedLength == cached.length) {
      cached = Arrays.copyOf(cached, Math.max(16, cached.length * 2));
    }
    cached[cachedLength++] = token;
  }

  private void append(int[] tokens, int from, int n) {
    if (cachedLength + n > cached.length) {
      cached = Arrays.copyOf(cached, Math.max(cached.length * 2, cachedLength + n));
    }
    System.arraycopy(tokens, from, cached, cachedLength, n);
    cachedLength += n;
  }
}
