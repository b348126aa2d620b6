package io.nootropic.runtime.agent;

import io.nootropic.api.agent.AgentException;

/// An agent invocation was cancelled by its caller.
public class AgentCancelledException extends AgentException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public AgentCancelledException(String message) {
    super(message);
  }
}
