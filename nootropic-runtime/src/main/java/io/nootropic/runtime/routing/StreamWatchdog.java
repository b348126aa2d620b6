package io.nootropic.runtime.routing;

import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.StreamingHandler;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/// Runs one model call on a virtual thread and relays its tokens to the caller on the caller's
/// thread, enforcing the time to first token, the idle gap between tokens, the attempt limit and
/// the call deadline. Once it gives up it interrupts the worker and drops anything the worker
/// still produces, so no token reaches the caller after a failure was reported.
public final class StreamWatchdog {

  private StreamWatchdog() { }

  /// What a finished attempt produced.
  ///
  /// @param response  the answer
  /// @param delivered tokens handed to the caller
  /// @param ttft      time to the first token, or `null` when nothing was streamed
  public record Result(ChatResponse response, int delivered, Duration ttft) { }

  /// A failed attempt: the classified error and how far the stream got.
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ProviderException error;
    private final int delivered;

    Failure(ProviderException error, int delivered) {
      super(error.getMessage(), error, false, false);
      this.error = error;
      this.delivered = delivered;
    }

    /// The classified error.
    public ProviderException error() {
      return error;
    }

    /// Tokens handed to the caller before the failure.
    public int delivered() {
      return delivered;
    }
  }

  private record Token(String text) { }

  private record Done(ChatResponse response) { }

  private record Failed(Throwable error) { }

  /// Limits of one attempt, as `System.nanoTime()` instants and durations.
  ///
  /// @param firstToken    longest wait for the first token when streaming, `null` for none
  /// @param idle          longest gap between tokens when streaming, `null` for none
  /// @param attemptEnd    nano time the attempt must end by
  /// @param deadlineEnd   nano time the whole call must end by
  public record Limits(Duration firstToken, Duration idle, long attemptEnd, long deadlineEnd) { }

  /// Runs the call.
  ///
  /// @throws Failure when the call failed or a limit was hit
  public static Result run(ModelRef ref, ChatModel model, ChatRequest request, StreamingHandler caller, Limits limits)
      throws Failure {
    boolean streaming = caller != StreamingHandler.NONE;
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    var closed = new java.util.concurrent.atomic.AtomicBoolean();
    StreamingHandler relay = streaming ? text -> {
      if (!closed.get() && text != null && !text.isEmpty()) {
        events.add(new Token(text));
      }
    } : StreamingHandler.NONE;
    Thread worker = Thread.ofVirtual().name("nootropic-model-" + ref).start(() -> {
      try {
        ChatResponse r = model.chat(request, relay);
        events.add(new Done(r));
      } catch (Throwable t) {
        events.add(new Failed(t));
      }
    });
    long start = System.nanoTime();
    long last = start;
    int delivered = 0;
    Duration ttft = null;
    try {
      while (true) {
        long now = System.nanoTime();
        long limit = Math.min(limits.attemptEnd(), limits.deadlineEnd());
        FailureKind onTimeout = limits.deadlineEnd() <= limits.attemptEnd() ? FailureKind.DEADLINE_EXCEEDED : FailureKind.ATTEMPT_TIMEOUT;
        if (streaming && delivered == 0 && limits.firstToken() != null && start + limits.firstToken().toNanos() <= limit) {
          limit = start + limits.firstToken().toNanos();
          onTimeout = FailureKind.FIRST_TOKEN_TIMEOUT;
        } else if (streaming && delivered > 0 && limits.idle() != null && last + limits.idle().toNanos() <= limit) {
          limit = last + limits.idle().toNanos();
          onTimeout = FailureKind.IDLE_TIMEOUT;
        }
        Object event = events.poll(Math.max(0, limit - now), TimeUnit.NANOSECONDS);
        if (event == null) {
          long waited = (System.nanoTime() - (onTimeout == FailureKind.IDLE_TIMEOUT ? last : start)) / 1_000_000;
          throw new Failure(new ProviderException(onTimeout, ref + ": " + describe(onTimeout) + " after " + waited + " ms"
              + (delivered > 0 ? " (" + delivered + " tokens delivered)" : "")), delivered);
        }
        switch (event) {
          case Token t -> {
            if (ttft == null) {
              ttft = Duration.ofNanos(System.nanoTime() - start);
            }
            caller.onToken(t.text());
            delivered++;
            last = System.nanoTime();
          }
          case Done d -> {
            return new Result(d.response(), delivered, ttft);
          }
          case Failed f -> throw new Failure(classify(ref, f.error()), delivered);
          default -> throw new IllegalStateException("unexpected event " + event);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(new ProviderException(FailureKind.DEADLINE_EXCEEDED, 0, null, ref + ": caller interrupted", e), delivered);
    } finally {
      closed.set(true);
      if (worker.isAlive()) {
        worker.interrupt();
      }
    }
  }

  private static String describe(FailureKind kind) {
    return switch (kind) {
      case FIRST_TOKEN_TIMEOUT -> "no first token";
      case IDLE_TIMEOUT -> "stream idle";
      case DEADLINE_EXCEEDED -> "deadline exceeded";
      default -> "attempt timed out";
    };
  }

  /// Classifies anything a model threw.
  public static ProviderException classify(ModelRef ref, Throwable t) {
    if (t instanceof ProviderException pe) {
      return pe;
    }
    if (t instanceof ModelException me) {
      return new ProviderException(FailureKind.MODEL_ERROR, 0, null, me.getMessage(), me);
    }
    return new ProviderException(FailureKind.MODEL_ERROR, 0, null,
        ref + ": " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()), t);
  }
}
