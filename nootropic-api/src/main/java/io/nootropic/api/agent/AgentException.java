package io.nootropic.api.agent;

import io.nootropic.api.NootropicException;

/// An agent could not produce an output. The message names the agent and the reason.
public class AgentException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public AgentException(String message) {
    super(message);
  }

  /// Creates the exception with a cause.
  public AgentException(String message, Throwable cause) {
    super(message, cause);
  }
}
