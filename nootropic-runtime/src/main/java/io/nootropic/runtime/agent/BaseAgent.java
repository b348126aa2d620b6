package io.nootropic.runtime.agent;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.agent.Agent;
import io.nootropic.api.agent.AgentContext;
import io.nootropic.api.agent.AgentException;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;
import io.nootropic.api.agent.CancellationToken;
import io.nootropic.api.event.EventSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Base class of agents: implement [#describe()] and [#doExecute], and get, for every call of
/// [#execute], an OpenTelemetry span carrying the agent's name, version and capabilities, a
/// timeout, cancellation, typed [AgentEvent]s on the context's event sink and a logger.
///
/// An agent is a plain object: the host constructs it (injecting [AgentOptions], e.g. its
/// `OpenTelemetry`) and calls it; there is no global or static state. With the default options
/// tracing is a no-op.
///
/// @param <I> the input type
/// @param <O> the output type
public abstract class BaseAgent<I, O> implements Agent<I, O> {

  /// Span attribute: the agent's capability name.
  public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("nootropic.agent.name");
  /// Span attribute: the agent's version.
  public static final AttributeKey<String> AGENT_VERSION = AttributeKey.stringKey("nootropic.agent.version");
  /// Span attribute: the agent's capabilities (its name and tags).
  public static final AttributeKey<List<String>> AGENT_CAPABILITIES =
      AttributeKey.stringArrayKey("nootropic.agent.capabilities");
  /// Span attribute: the request id.
  public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("nootropic.request.id");

  /// Logger named after the concrete agent class.
  protected final Logger log = LoggerFactory.getLogger(getClass());

  private final AgentOptions options;
  private final Tracer tracer;

  /// An agent with [AgentOptions#defaults()].
  protected BaseAgent() {
    this(AgentOptions.defaults());
  }

  /// An agent with host-supplied options.
  protected BaseAgent(AgentOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.tracer = options.openTelemetry().getTracer("io.nootropic.runtime.agent");
  }

  /// The options this agent was built with.
  protected final AgentOptions options() {
    return options;
  }

  /// Does the agent's work for one call. Long work should poll
  /// `invocation.cancellation()` or respond to interruption.
  ///
  /// @throws Exception any failure; it reaches the caller as an [AgentException]
  protected abstract AgentResponse<O> doExecute(AgentRequest<I> request, AgentInvocation invocation)
      throws Exception;

  /// Runs the agent once, traced, bounded by the request's timeout (or the default one) and
  /// stoppable through the context's cancellation token.
  ///
  /// @throws AgentTimeoutException when the timeout passes
  /// @throws AgentCancelledException when the caller cancels
  /// @throws AgentException when the agent fails
  @Override
  public final AgentResponse<O> execute(AgentRequest<I> request, AgentContext context) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    CapabilityDescriptor d = describe();
    List<String> capabilities = new ArrayList<>();
    capabilities.add(d.name());
    capabilities.addAll(d.tags());
    Span span = tracer.spanBuilder("agent " + d.name())
        .setAttribute(AGENT_NAME, d.name())
        .setAttribute(AGENT_VERSION, d.version())
        .setAttribute(AGENT_CAPABILITIES, capabilities)
        .setAttribute(REQUEST_ID, request.requestId())
        .startSpan();
    EventSink events = context.events() == null ? EventSink.NONE : context.events();
    long t0 = System.nanoTime();
    publish(events, "agent.started", d, request, context, t0, "");
    Duration timeout = request.timeout() != null ? request.timeout() : options.defaultTimeout();
    AtomicBoolean timedOut = new AtomicBoolean();
    CancellationToken caller = context.cancellation() == null ? CancellationToken.NONE : context.cancellation();
    CancellationToken token = () -> timedOut.get() || caller.isCancelled();
    AgentInvocation inv = new AgentInvocation(context, token, span);
    FutureTask<AgentResponse<O>> f = new FutureTask<>(Context.current().with(span).wrap(() -> doExecute(request, inv)));
    Thread.ofVirtual().name("agent-" + d.name()).start(f);
    long deadline = timeout == null ? Long.MAX_VALUE : t0 + timeout.toNanos();
    try {
      while (true) {
        if (caller.isCancelled()) {
          f.cancel(true);
          throw new AgentCancelledException("agent " + d.name() + " was cancelled (request " + request.requestId() + ")");
        }
        long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(20), deadline - System.nanoTime());
        if (wait <= 0) {
          timedOut.set(true);
          f.cancel(true);
          throw new AgentTimeoutException("agent " + d.name() + " timed out after " + timeout.toMillis()
              + " ms (request " + request.requestId() + ")");
        }
        try {
          AgentResponse<O> out = f.get(wait, TimeUnit.NANOSECONDS);
          span.setStatus(StatusCode.OK);
          publish(events, "agent.succeeded", d, request, context, t0, out == null ? "" : out.explanation());
          return out;
        } catch (TimeoutException e) {
          // poll cancellation and the deadline again
        }
      }
    } catch (AgentCancelledException e) {
      end(span, e, events, "agent.cancelled", d, request, context, t0);
      throw e;
    } catch (AgentTimeoutException e) {
      end(span, e, events, "agent.timed-out", d, request, context, t0);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (caller.isCancelled()) {
        // the agent noticed the cancellation before this thread did
        AgentCancelledException ce = new AgentCancelledException(
            "agent " + d.name() + " was cancelled (request " + request.requestId() + ")");
        end(span, ce, events, "agent.cancelled", d, request, context, t0);
        throw ce;
      }
      AgentException ae = cause instanceof AgentException a ? a
          : new AgentException("agent " + d.name() + " failed: " + cause, cause);
      end(span, cause, events, "agent.failed", d, request, context, t0);
      throw ae;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      AgentCancelledException ce = new AgentCancelledException("caller of agent " + d.name() + " was interrupted");
      end(span, ce, events, "agent.cancelled", d, request, context, t0);
      throw ce;
    } catch (CancellationException e) {
      AgentCancelledException ce = new AgentCancelledException("agent " + d.name() + " was cancelled");
      end(span, ce, events, "agent.cancelled", d, request, context, t0);
      throw ce;
    } finally {
      span.end();
    }
  }

  private void end(Span span, Throwable t, EventSink events, String topic, CapabilityDescriptor d,
      AgentRequest<I> request, AgentContext context, long t0) {
    span.recordException(t);
    span.setStatus(StatusCode.ERROR, String.valueOf(t.getMessage()));
    log.warn("agent {} request {}: {}", d.name(), request.requestId(), t.toString());
    publish(events, topic, d, request, context, t0, String.valueOf(t.getMessage()));
  }

  private void publish(EventSink events, String topic, CapabilityDescriptor d, AgentRequest<I> request,
      AgentContext context, long t0, String detail) {
    try {
      events.publish(new AgentEvent(topic, options.clock().instant(), d.name(), d.version(), request.requestId(),
          context.runId(), Duration.ofNanos(System.nanoTime() - t0), detail));
    } catch (RuntimeException e) {
      log.warn("event sink failed on {}: {}", topic, e.toString());
    }
  }
}
