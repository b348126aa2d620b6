package io.nootropic.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.JsonSchema;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.api.tool.ToolDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// The contract every [ModelProvider] and its [ChatModel]s keep, whatever the model behind them
/// (the local engine, an OpenAI-compatible server, LangChain4j, a scripted fake): a provider lists
/// its models without loading them and refuses unknown ids with a [ModelException]; a model
/// answers blocking and streaming alike, streams each piece exactly once and completes once,
/// reports usage and a finish reason, honours `maxTokens`, ends a call whose caller is
/// interrupted and stays usable, and, where it declares tool support, returns tool calls whose
/// arguments are a JSON object (a model without it still answers a request that offers tools).
///
/// The tests hold for any content, so real models pass them as well as scripted ones. A scripted
/// provider learns what each request expects from [#expect(Expected, ChatRequest)], called just
/// before the request is sent; real providers ignore it.
///
/// Modelled on LangChain4j's `AbstractBaseChatModelIT`.
///
/// @since 0.1
public abstract class ModelProviderContract {

  /// What a request of the contract expects.
  public enum Expected {
    /// Some text: at least a few tokens, at most the request's `maxTokens`.
    TEXT,
    /// One call of the request's only tool, with its arguments.
    TOOL_CALL
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /// A tool with one required string parameter, offered in the tool-call test.
  protected static final ToolDefinition READ_FILE = new ToolDefinition("read_file", "Reads a file of the project.",
      JsonSchema.of("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}"));

  private ModelProvider provider;

  /// A new provider; called before each test, closed after it.
  protected abstract ModelProvider createProvider();

  /// The id of the model under test, one of the provider's [ModelProvider#models()].
  protected abstract String modelId();

  /// Called before each request the contract sends; a scripted provider queues a fitting answer.
  protected void expect(Expected kind, ChatRequest request) { }

  /// The user message of the text tests.
  protected String prompt() {
    return "Once upon a time";
  }

  /// How long one call may take.
  protected Duration callTimeout() {
    return Duration.ofSeconds(60);
  }

  /// The provider of the current test.
  protected final ModelProvider provider() {
    return provider;
  }

  @BeforeEach
  void createTheProvider() {
    provider = createProvider();
  }

  @AfterEach
  void closeTheProvider() {
    if (provider != null) {
      provider.close();
    }
  }

  private ChatModel model() {
    return provider.chatModel(modelId());
  }

  private ChatRequest textRequest(int maxTokens) {
    return new ChatRequest(null, List.of(ChatMessage.user(prompt())),
        GenerationOptions.DEFAULTS.withMaxTokens(maxTokens), List.of());
  }

  private ChatResponse call(ChatModel m, Expected kind, ChatRequest request, StreamingHandler handler) {
    expect(kind, request);
    return assertTimeoutPreemptively(callTimeout(), () -> m.chat(request, handler));
  }

  @Test
  void theProviderListsItsModelsWithItsOwnName() {
    assertThat(provider.name()).isNotBlank();
    assertThat(provider.models()).extracting(ModelDescriptor::id).contains(modelId());
    assertThat(provider.models()).allSatisfy(d -> {
      assertThat(d.provider()).isEqualTo(provider.name());
      assertThat(d.contextLength()).isPositive();
    });
    assertThat(provider.describe().kind()).isEqualTo(CapabilityKind.MODEL_PROVIDER);
  }

  @Test
  void anUnknownModelIdIsAModelExceptionNamingIt() {
    String id = "no-such-model-" + Long.toHexString(System.nanoTime());
    assertThatThrownBy(() -> provider.chatModel(id)).isInstanceOf(ModelException.class).hasMessageContaining(id);
  }

  @Test
  void aBlockingAnswerHasTextUsageAndAFinishReason() {
    ChatModel m = model();
    assertThat(m.descriptor().id()).isEqualTo(modelId());
    ChatResponse r = call(m, Expected.TEXT, textRequest(16), StreamingHandler.NONE);
    assertThat(r.model()).isNotBlank();
    assertThat(r.text()).isNotEmpty();
    assertThat(r.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
    assertThat(r.usage().inputTokens()).as("prompt tokens").isPositive();
    assertThat(r.usage().outputTokens()).as("completion tokens").isBetween(1L, 16L);
  }

  @Test
  void streamingDeliversEachPieceOnceAndCompletesOnce() {
    List<String> pieces = new ArrayList<>();
    AtomicInteger completions = new AtomicInteger();
    AtomicReference<ChatResponse> completed = new AtomicReference<>();
    ChatResponse r = call(model(), Expected.TEXT, textRequest(16), new StreamingHandler() {
      @Override
      public void onToken(String text) {
        pieces.add(text);
      }

      @Override
      public void onComplete(ChatResponse response) {
        completions.incrementAndGet();
        completed.set(response);
      }
    });
    assertThat(pieces).isNotEmpty();
    assertThat(String.join("", pieces)).isEqualTo(r.text());
    assertThat(completions).hasValue(1);
    assertThat(completed.get()).isEqualTo(r);
  }

  @Test
  void maxTokensIsHonoured() {
    ChatResponse r = call(model(), Expected.TEXT, textRequest(2), StreamingHandler.NONE);
    assertThat(r.usage().outputTokens()).isBetween(1L, 2L);
    assertThat(r.finishReason()).isIn(FinishReason.LENGTH, FinishReason.STOP);
  }

  @Test
  void anInterruptedCallEndsAndTheModelStaysUsable() {
    ChatModel m = model();
    List<String> pieces = new ArrayList<>();
    ChatResponse r = null;
    try {
      r = call(m, Expected.TEXT, textRequest(64), text -> {
        pieces.add(text);
        Thread.currentThread().interrupt();
      });
    } catch (RuntimeException ended) {
      // ending with an exception is allowed: the caller asked to stop
    } finally {
      Thread.interrupted(); // clear the flag, whoever left it set
    }
    if (r != null) {
      assertThat(String.join("", pieces)).isEqualTo(r.text());
      if (r.finishReason() == FinishReason.CANCELLED) {
        assertThat(r.usage().outputTokens()).isLessThan(64);
      }
    }
    ChatResponse again = call(m, Expected.TEXT, textRequest(4), StreamingHandler.NONE);
    assertThat(again.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
  }

  @Test
  void toolCallsHaveObjectArgumentsWhereToolsAreDeclaredAndOfferedToolsBreakNothingElsewhere() throws Exception {
    ChatModel m = model();
    ChatRequest request = new ChatRequest(null, List.of(ChatMessage.user("Read the file README.md of the project.")),
        GenerationOptions.DEFAULTS.withMaxTokens(64), List.of(READ_FILE));
    if (!m.descriptor().supportsTools()) {
      // a model without tool support answers in text, whatever tools the request offers
      ChatResponse r = call(m, Expected.TEXT, request, StreamingHandler.NONE);
      assertThat(r.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH, FinishReason.TOOL_CALLS);
      assertThat(r.usage().outputTokens()).isBetween(1L, 64L);
      return;
    }
    ChatResponse r = call(m, Expected.TOOL_CALL, request, StreamingHandler.NONE);
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.toolCalls()).isNotEmpty().allSatisfy(c -> {
      assertThat(c.name()).isEqualTo(READ_FILE.name());
      assertThat(c.id()).isNotBlank();
    });
    JsonNode args = JSON.readTree(r.toolCalls().getFirst().argumentsJson());
    assertThat(args.isObject()).as("arguments %s", args).isTrue();
    assertThat(args.path("path").isTextual()).as("arguments %s", args).isTrue();
  }

  @Test
  void closingTwiceIsHarmless() {
    provider.close();
    provider.close();
  }
}
