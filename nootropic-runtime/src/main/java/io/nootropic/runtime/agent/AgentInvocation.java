package io.nootropic.runtime.agent;

import io.nootropic.api.agent.AgentContext;
import io.nootropic.api.agent.CancellationToken;
import io.nootropic.api.event.Event;
import io.opentelemetry.api.trace.Span;
import java.util.Objects;

/// One call of a [BaseAgent], as its `doExecute` sees it.
public final class AgentInvocation {

  private final AgentContext context;
  private final CancellationToken cancellation;
  private final Span span;

  AgentInvocation(AgentContext context, CancellationToken cancellation, Span span) {
    this.context = Objects.requireNonNull(context, "context");
    this.cancellation = cancellation;
    this.span = span;
  }

  /// The caller's context: models, tools, memory, events.
  public AgentContext context() {
    return context;
  }

  /// Set when the caller cancels or the timeout passes; long work should poll it.
  public CancellationToken cancellation() {
    return cancellation;
  }

  /// The span of this invocation, for attributes and events of the agent's own.
  public Span span() {
    return span;
  }

  /// Publishes an event of the agent's own on the context's sink.
  public void publish(Event event) {
    context.events().publish(event);
  }
}
