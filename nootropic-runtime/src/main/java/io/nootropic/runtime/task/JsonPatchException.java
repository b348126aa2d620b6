package io.nootropic.runtime.task;

import io.nootropic.api.NootropicException;

/// A JSON Patch (RFC 6902) is malformed or cannot be applied; the message names the operation
/// (by index) and the path.
public class JsonPatchException extends NootropicException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public JsonPatchException(String message) {
    super(message);
  }
}
