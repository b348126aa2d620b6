package io.nootropic.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.Describable;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatModel;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.ModelDescriptor;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.api.model.StreamingHandler;
import io.nootropic.testing.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelProviderTest {

  @Test
  void isDiscoverableAsModelProviderAndDescribable() {
    assertThat(ServiceLoader.load(ModelProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(LocalModelProvider.class);
    assertThat(ServiceLoader.load(Describable.class).stream().map(ServiceLoader.Provider::type))
        .contains(LocalModelProvider.class);
    LocalModelProvider p = new LocalModelProvider(List.of());
    assertThat(p.name()).isEqualTo("local");
    assertThat(p.describe().name()).isEqualTo("model.local");
    assertThat(p.describe()).isEqualTo(p.describe());
  }

  @Test
  void listsModelsFromADirectoryWithoutLoadingThem(@TempDir Path dir) throws IOException {
    Path stories = SharedModels.require("stories260K.gguf");
    Files.copy(stories, dir.resolve("Stories 260K.gguf"));
    Files.writeString(dir.resolve("broken.gguf"), "not a gguf file");
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    try (LocalModelProvider p = new LocalModelProvider(List.of(dir, dir.resolve("missing.gguf")))) {
      List<ModelDescriptor> models = p.models();
      assertThat(models).extracting(ModelDescriptor::id).containsExactly("stories-260k");
      ModelDescriptor d = models.get(0);
      assertThat(d.contextLength()).isEqualTo(2048);
      assertThat(d.local()).isTrue();
      assertThat(d.provider()).isEqualTo("local");
      assertThat(d.costPer1kInputTokens()).isZero();
      assertThat(p.problems()).containsKeys(dir.resolve("broken.gguf").toAbsolutePath().normalize(),
          dir.resolve("missing.gguf").toAbsolutePath().normalize());
    }
  }

  @Test
  void loadsLazilyOnceFromManyThreadsAndChats() throws Exception {
    Path stories = SharedModels.require("stories260K.gguf");
    try (LocalModelProvider p = new LocalModelProvider(List.of())) {
      assertThat(p.register(stories)).containsExactly("stories260k");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ChatModel>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return p.chatModel("stories260k");
        }));
      }
      start.countDown();
      var distinct = ConcurrentHashMap.<ChatModel>newKeySet();
      for (Future<ChatModel> f : futures) {
        distinct.add(f.get(60, TimeUnit.SECONDS));
      }
      pool.shutdown();
      assertThat(distinct).hasSize(1);
      ChatModel model = distinct.iterator().next();

      List<String> streamed = new ArrayList<>();
      AtomicBoolean completed = new AtomicBoolean();
      ChatResponse r = model.chat(new ChatRequest(null, List.of(ChatMessage.user("Tell me a story.")),
          GenerationOptions.DEFAULTS.withMaxTokens(20), List.of()), new StreamingHandler() {
            @Override
            public void onToken(String text) {
              streamed.add(text);
            }

            @Override
            public void onComplete(ChatResponse response) {
              completed.set(true);
            }
          });
      assertThat(r.model()).isEqualTo("stories260k");
      assertThat(r.text()).isEqualTo(String.join("", streamed)).isNotBlank().doesNotContain("\nUser:");
      assertThat(r.usage().inputTokens()).isPositive();
      assertThat(r.usage().outputTokens()).isBetween(1L, 20L);
      assertThat(completed).isTrue();
    }
  }

  @Test
  void unknownIdsAndClosedProvidersAreTypedErrors() {
    LocalModelProvider p = new LocalModelProvider(List.of());
    assertThatThrownBy(() -> p.chatModel("nope")).isInstanceOf(ModelException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> p.register(Path.of("/no/such/model.gguf"))).isInstanceOf(ModelException.class);
    p.close();
    p.close();
    assertThatThrownBy(p::models).isInstanceOf(ModelException.class).hasMessageContaining("closed");
  }

  @Test
  void closeUnmapsTheModelAndLaterCallsFail() {
    Path stories = SharedModels.require("stories260K.gguf");
    LocalModelProvider p = new LocalModelProvider(List.of(stories));
    LocalChatModel m = (LocalChatModel) p.chatModel("stories260k");
    p.close();
    assertThatThrownBy(() -> m.chat(ChatRequest.of("hi"))).isInstanceOf(ModelException.class).hasMessageContaining("closed");
  }
}
