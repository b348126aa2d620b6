package io.nootropic.api.agent;

import io.nootropic.api.Describable;

/// An agent: a plain object a host constructs and calls, taking a typed input and returning a
/// typed output.
///
/// Agents get everything they need from the [AgentContext] passed to each call (models, tools,
/// memory, events, cancellation); they hold no global state.
///
/// @param <I> the input type
/// @param <O> the output type
/// @since 0.1
public interface Agent<I, O> extends Describable {

  /// Runs the agent once.
  ///
  /// @param request the input and its metadata
  /// @param context access to models, tools, memory, events and cancellation for this call
  /// @return the output, with an explanation of how it was reached
  /// @throws AgentException when the agent cannot produce an output
  AgentResponse<O> execute(AgentRequest<I> request, AgentContext context);
}
