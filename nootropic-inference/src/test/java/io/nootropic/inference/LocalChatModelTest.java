package io.nootropic.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.FinishReason;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.inference.chat.ChatTemplateException;
import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.gguf.GgufTensorInfo;
import io.nootropic.inference.gguf.GgufWriter;
import io.nootropic.testing.SharedModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Chat through a real model file that carries a chat template: stories260K's weights and
/// vocabulary re-written with the TinyLlama/Zephyr template added to its metadata.
class LocalChatModelTest {

  static Path withTemplate(Path dir, String template) throws IOException {
    Path out = dir.resolve("stories-chat.gguf");
    try (GgufFile src = GgufFile.open(SharedModels.require("stories260K.gguf"))) {
      GgufWriter w = GgufWriter.create().putAll(src.metadata()).put("tokenizer.chat_template", template);
      for (GgufTensorInfo t : src.tensors()) {
        w.addTensor(t.name(), t.type(), t.shape(), src.data(t));
      }
      w.write(out);
    }
    return out;
  }

  static String resource(String name) throws IOException {
    try (InputStream in = LocalChatModelTest.class.getResourceAsStream("/chat-templates/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static ModelDescriptor descriptor() {
    return new ModelDescriptor("stories-chat", "local", 512, Set.of(), false, false, 0, 0, Duration.ZERO, true);
  }

  @Test
  void rendersTheModelsTemplateTokenizesWithOneBosAndReusesTheConversationPrefix(@TempDir Path dir) throws IOException {
    Path file = withTemplate(dir, resource("zephyr-tinyllama.jinja"));
    try (LocalChatModel chat = new LocalChatModel(LocalModel.open(file), descriptor(), 512)) {
      assertThat(chat.model().chatFormat().isModelTemplate()).isTrue();
      List<ChatMessage> conversation = List.of(ChatMessage.user("Hi"));
      // what the template must render, by hand from the Zephyr format
      String expectedPrompt = "<|user|>\nHi</s>\n<|assistant|>\n";
      int[] expectedIds = chat.model().tokenizer().encode(expectedPrompt, true, true);
      assertThat(expectedIds[0]).isEqualTo(chat.model().tokenizer().bos());
      ChatResponse r = chat.chat(new ChatRequest(null, conversation, GenerationOptions.DEFAULTS.withMaxTokens(12), List.of()));
      assertThat(r.usage().inputTokens()).isEqualTo(expectedIds.length);
      assertThat(r.model()).isEqualTo("stories-chat");
      assertThat(r.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);

      // the same prompt through the raw generator gives the same text
      try (Generator g = chat.model().newGenerator(512)) {
        assertThat(g.generate(expectedIds, GenerationOptions.DEFAULTS.withMaxTokens(12), null, null).text())
            .isEqualTo(r.text());
      }
    }
  }

  @Test
  void aTemplateThatRaisesSurfacesAsATypedError(@TempDir Path dir) throws IOException {
    Path file = withTemplate(dir, resource("mistral-instruct-v0.2.jinja"));
    try (LocalChatModel chat = new LocalChatModel(LocalModel.open(file), descriptor(), 512)) {
      ChatRequest withSystem = new ChatRequest(null, List.of(ChatMessage.system("s"), ChatMessage.user("u")),
          GenerationOptions.DEFAULTS.withMaxTokens(4), List.of());
      assertThatThrownBy(() -> chat.chat(withSystem)).isInstanceOf(ChatTemplateException.class)
          .hasMessageContaining("Conversation roles must alternate");
      // the template writes BOS itself: it is not added a second time
      ChatResponse r = chat.chat(ChatRequest.of("u").withOptions(GenerationOptions.DEFAULTS.withMaxTokens(4)));
      int[] ids = chat.model().tokenizer().encode("<s>[INST] u [/INST]", false, true);
      assertThat(r.usage().inputTokens()).isEqualTo(ids.length);
    }
  }

  @Test
  void anUnsupportedTemplateStillLoadsAndChatReportsIt(@TempDir Path dir) throws IOException {
    Path file = withTemplate(dir, "{% call x() %}{% endcall %}");
    try (LocalModel model = LocalModel.open(file)) {
      assertThat(model.chatTemplateError()).hasValueSatisfying(e -> assertThat(e).contains("tag 'call'"));
      assertThatThrownBy(() -> model.chatFormat().render(List.of(ChatMessage.user("x")), List.of(), true))
          .isInstanceOf(ChatTemplateException.class);
    }
  }

  @Test
  void cancellationStopsAChat(@TempDir Path dir) throws IOException {
    Path file = withTemplate(dir, resource("zephyr-tinyllama.jinja"));
    try (LocalChatModel chat = new LocalChatModel(LocalModel.open(file), descriptor(), 512)) {
      AtomicInteger pieces = new AtomicInteger();
      ChatResponse r = chat.chat(ChatRequest.of("Tell a story").withOptions(GenerationOptions.DEFAULTS.withMaxTokens(200)),
          text -> pieces.incrementAndGet(), () -> pieces.get() >= 3);
      assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(r.usage().outputTokens()).isLessThan(200);
    }
  }
}
