package io.nootropic.api.tool;

import io.nootropic.api.Describable;

/// A callable tool. Its capability descriptor has kind `tool`.
///
/// @since 0.1
public interface Tool extends Describable {

  /// The definition shown to models.
  ToolDefinition definition();

  /// Calls the tool with arguments matching [ToolDefinition#parameters()] and returns its result
  /// as text (often JSON).
  String invoke(String argumentsJson);
}
