package io.nootropic.api.tool;

import io.nootropic.api.JsonSchema;
import java.util.Objects;

/// A function a model may call.
///
/// @param name        function name, `[a-zA-Z0-9_-]{1,64}`
/// @param description what it does, for the model
/// @param parameters  JSON Schema of its arguments object
public record ToolDefinition(String name, String description, JsonSchema parameters) {

  /// Checks the fields.
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("invalid tool name '" + name + "': use 1-64 of [a-zA-Z0-9_-]");
    }
    description = description == null ? "" : description;
    parameters = parameters == null ? JsonSchema.of("{\"type\":\"object\"}") : parameters;
  }
}
