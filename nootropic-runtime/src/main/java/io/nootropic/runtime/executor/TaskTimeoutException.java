package io.nootropic.runtime.executor;

import io.nootropic.api.NootropicException;

/// An attempt ran past its timeout and was interrupted; retried per the task's policy.
public class TaskTimeoutException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public TaskTimeoutException(String message) {
    super(message);
  }
}
