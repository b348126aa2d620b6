package io.nootropic.langchain4j;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import java.util.Objects;

/// Offers a Nootropic [ChatModel] (the local GGUF engine, or a routed
/// [io.nootropic.runtime.routing.ModelRegistry#asChatModel]) to LangChain4j users as both a
/// [dev.langchain4j.model.chat.ChatModel] and a [StreamingChatModel].
///
/// Streaming runs the model on a virtual thread and reports each piece to
/// `onPartialResponse`, then `onCompleteResponse`, or `onError` once.
public final class NootropicLangChain4jModel implements dev.langchain4j.model.chat.ChatModel, StreamingChatModel {

  private final ChatModel model;

  private NootropicLangChain4jModel(ChatModel model) {
    this.model = model;
  }

  /// Wraps a Nootropic model.
  public static NootropicLangChain4jModel of(ChatModel model) {
    return new NootropicLangChain4jModel(Objects.requireNonNull(model, "model"));
  }

  @Override
  public java.util.Set<dev.langchain4j.model.chat.Capability> supportedCapabilities() {
    return dev.langchain4j.model.chat.ChatModel.super.supportedCapabilities();
  }

  @Override
  public dev.langchain4j.model.chat.request.ChatRequestParameters defaultRequestParameters() {
    return dev.langchain4j.model.chat.ChatModel.super.defaultRequestParameters();
  }

  @Override
  public java.util.List<dev.langchain4j.model.chat.listener.ChatModelListener> listeners() {
    return dev.langchain4j.model.chat.ChatModel.super.listeners();
  }

  @Override
  public dev.langchain4j.model.ModelProvider provider() {
    return dev.langchain4j.model.chat.ChatModel.super.provider();
  }

  @Override
  public dev.langchain4j.model.chat.response.ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
    ChatRequest r = Lc4j.fromLc4j(request);
    return Lc4j.toLc4j(model.chat(r.model() == null ? r.withModel(model.descriptor().id()) : r));
  }

  @Override
  public void doChat(dev.langchain4j.model.chat.request.ChatRequest request, StreamingChatResponseHandler handler) {
    ChatRequest r = Lc4j.fromLc4j(request);
    ChatRequest target = r.model() == null ? r.withModel(model.descriptor().id()) : r;
    Thread.ofVirtual().name("nootropic-lc4j-" + model.descriptor().id()).start(() -> {
      ChatResponse response;
      try {
        response = model.chat(target, handler::onPartialResponse);
      } catch (RuntimeException e) {
        handler.onError(e);
        return;
      }
      handler.onCompleteResponse(Lc4j.toLc4j(response));
    });
  }
}
