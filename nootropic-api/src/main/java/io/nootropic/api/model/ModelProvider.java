package io.nootropic.api.model;

import io.nootropic.api.Describable;
import java.util.List;

/// A source of chat models: the local GGUF engine, a LangChain4j-backed remote API, a test stub.
///
/// Providers are discovered with [java.util.ServiceLoader] or registered by the host. The
/// constructor must be cheap; loading weights or opening connections happens in
/// [#chatModel(String)], and [#close()] releases everything deterministically.
///
/// @since 0.1
public interface ModelProvider extends Describable, AutoCloseable {

  /// The stable name of this provider, e.g. `local` or `openai`.
  String name();

  /// The models this provider offers. Must not load them.
  List<ModelDescriptor> models();

  /// Opens (or returns the already opened) model with the given id.
  ///
  /// @throws ModelException when the id is unknown or the model cannot be loaded
  ChatModel chatModel(String modelId);

  /// Releases every model this provider opened. Idempotent.
  @Override
  default void close() { }
}
