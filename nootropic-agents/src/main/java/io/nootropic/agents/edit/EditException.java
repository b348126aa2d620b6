package io.nootropic.agents.edit;

import io.nootropic.agents.ToolError;
import io.nootropic.api.NootropicException;

/// An edit did not apply: its SEARCH lines are not in the file, or match several places. The
/// message says which and shows the closest lines, for the model.
public class EditException extends NootropicException implements ToolError {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public EditException(String message) {
    super(message);
  }

  @Override
  public String type() {
    return "edit-failed";
  }
}
