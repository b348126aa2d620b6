package io.nootropic.agents;

/// An error a model's action can cause and be told about: a path outside the workspace, a command
/// that is not allowed, arguments that break a tool's schema. [#type()] is a stable kebab-case
/// name (`workspace-violation`, `command-not-allowed`, ...) that the CLI prints in `--json`
/// output and the tool loop shows the model.
public interface ToolError {

  /// The stable name of this kind of error.
  String type();

  /// What went wrong and, where it helps, what to do instead; written for the model as much as for
  /// a person.
  String getMessage();
}
