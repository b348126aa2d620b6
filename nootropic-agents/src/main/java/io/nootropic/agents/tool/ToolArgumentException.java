package io.nootropic.agents.tool;

import io.nootropic.agents.ToolError;
import io.nootropic.api.NootropicException;

/// A tool's arguments are not valid JSON or break its JSON Schema. The message lists every problem
/// with its JSON path, so the model can send corrected arguments.
public class ToolArgumentException extends NootropicException implements ToolError {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public ToolArgumentException(String message) {
    super(message);
  }

  @Override
  public String type() {
    return "invalid-arguments";
  }
}
