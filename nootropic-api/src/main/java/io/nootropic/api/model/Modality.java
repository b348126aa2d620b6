package io.nootropic.api.model;

/// Kinds of content a model accepts or produces.
public enum Modality {
  /// Plain text.
  TEXT,
  /// Images.
  IMAGE,
  /// Audio.
  AUDIO,
  /// Dense embedding vectors.
  EMBEDDING
}
