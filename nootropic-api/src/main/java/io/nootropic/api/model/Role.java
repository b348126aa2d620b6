package io.nootropic.api.model;

/// Who wrote a chat message.
public enum Role {
  /// Instructions for the model.
  SYSTEM,
  /// The user or the calling agent.
  USER,
  /// The model.
  ASSISTANT,
  /// The result of a tool call.
  TOOL
}
