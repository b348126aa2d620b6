package io.nootropic.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.testing.ModelProviderContract;
import java.time.Duration;
import java.util.List;

/// A LangChain4j model behind [LangChain4jModelProvider] keeps the model contract. The LangChain4j
/// side is a scripted model that behaves as a conforming one: it honours the maximum of output
/// tokens, reports usage, streams, and calls the offered tool when there is one.
class LangChain4jModelProviderContractTest extends ModelProviderContract {

  private static final List<String> WORDS = List.of("Once", " there", " was", " a", " fox", " who", " sang", ".");

  /// A conforming LangChain4j model's answer.
  static final class Scripted {

    private Scripted() {}

    static ChatResponse answer(ChatRequest request) {
      if (request.toolSpecifications() != null && !request.toolSpecifications().isEmpty()) {
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("call_1")
            .name(request.toolSpecifications().getFirst().name()).arguments("{\"path\":\"README.md\"}").build();
        return ChatResponse.builder().aiMessage(AiMessage.from(call)).tokenUsage(new TokenUsage(11, 9))
            .finishReason(FinishReason.TOOL_EXECUTION).build();
      }
      Integer max = request.parameters().maxOutputTokens();
      List<String> words = WORDS.subList(0, Math.min(max == null ? WORDS.size() : max, WORDS.size()));
      return ChatResponse.builder().aiMessage(AiMessage.from(String.join("", words)))
          .tokenUsage(new TokenUsage(11, words.size()))
          .finishReason(words.size() < WORDS.size() ? FinishReason.LENGTH : FinishReason.STOP).build();
    }

  }

  /// The blocking side.
  static final class Blocking implements dev.langchain4j.model.chat.ChatModel {
    @Override
    public ChatResponse doChat(ChatRequest request) {
      return Scripted.answer(request);
    }
  }

  /// The streaming side: the same answer, word by word.
  static final class Streaming implements StreamingChatModel {
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
      ChatResponse r = Scripted.answer(request);
      if (r.aiMessage().text() != null) {
        Integer max = request.parameters().maxOutputTokens();
        for (String w : WORDS.subList(0, Math.min(max == null ? WORDS.size() : max, WORDS.size()))) {
          handler.onPartialResponse(w);
        }
      }
      handler.onCompleteResponse(r);
    }
  }

  @Override
  protected ModelProvider createProvider() {
    return LangChain4jModelProvider.builder("lc4j")
        .model(new ModelDescriptor("scripted", "lc4j", 8192, null, true, false, 0, 0, Duration.ZERO, false),
            new Blocking(), new Streaming())
        .build();
  }

  @Override
  protected String modelId() {
    return "scripted";
  }
}
