package io.nootropic.api.model;

/// A model that answers chat requests, blocking or streaming.
public interface ChatModel {

  /// The descriptor of this model.
  ModelDescriptor descriptor();

  /// Answers a request and returns when the whole answer is there.
  ///
  /// @throws ModelException when the model fails
  default ChatResponse chat(ChatRequest request) {
    return chat(request, StreamingHandler.NONE);
  }

  /// Answers a request, handing each piece of text to `handler` as soon as it is produced. Each
  /// piece is delivered exactly once; the complete response is returned at the end.
  ///
  /// @throws ModelException when the model fails
  ChatResponse chat(ChatRequest request, StreamingHandler handler);
}
