package io.nootropic.api.model;

/// Why a generation ended.
public enum FinishReason {
  /// An end-of-generation token or a stop string.
  STOP,
  /// The token limit or the context length.
  LENGTH,
  /// The model asked for tool calls.
  TOOL_CALLS,
  /// The caller cancelled.
  CANCELLED
}
