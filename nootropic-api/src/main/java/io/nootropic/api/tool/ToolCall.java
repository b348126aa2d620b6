package io.nootropic.api.tool;

import java.util.Objects;

/// A model's request to call a tool.
///
/// @param id            id that the tool's answer refers to
/// @param name          the tool's name
/// @param argumentsJson the arguments as a JSON object text
public record ToolCall(String id, String name, String argumentsJson) {

  /// Checks the fields.
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    argumentsJson = argumentsJson == null ? "{}" : argumentsJson;
  }
}
