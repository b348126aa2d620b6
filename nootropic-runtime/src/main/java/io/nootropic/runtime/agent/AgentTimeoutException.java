package io.nootropic.runtime.agent;

import io.nootropic.api.agent.AgentException;

/// An agent invocation ran past its timeout and was interrupted.
public class AgentTimeoutException extends AgentException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public AgentTimeoutException(String message) {
    super(message);
  }
}
