package io.nootropic.runtime.routing;

import io.nootropic.runtime.fake.FakeProvider;
import static io.nootropic.runtime.fake.FakeProvider.answer;
import static io.nootropic.runtime.fake.FakeProvider.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.JsonSchema;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.ModelException;
import io.nootropic.api.tool.ToolDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRegistryRoutingTest {

  static final ModelResilienceConfig FAST = ModelResilienceConfig.custom()
      .backoff(Duration.ofMillis(1), 2, 0, Duration.ofMillis(5)).build();

  FakeProvider local = new FakeProvider("local").model("tiny", true, 0, 0, false, Duration.ofMillis(50));
  FakeProvider remote = new FakeProvider("remote")
      .model("cheap", false, 0.0005, 0.0015, false, Duration.ofMillis(100))
      .model("smart", false, 0.003, 0.015, true, Duration.ofMillis(800));

  ModelRegistry registry(RoutingStrategy strategy) {
    return ModelRegistry.builder().provider(local).provider(remote).defaultResilience(FAST).strategy(strategy).build();
  }

  @Test
  void localFirstChoosesTheLocalModelAndExplainsEveryCandidate() {
    RoutedResponse r = registry(RoutingStrategy.localFirst()).chat(ChatRequest.of("hi"), CallContext.DEFAULT);

    assertThat(r.answeredBy()).isEqualTo(new ModelRef("local", "tiny"));
    RoutingDecision d = r.decision();
    assertThat(d.strategy()).isEqualTo("local-first");
    assertThat(d.chosen()).isEqualTo(new ModelRef("local", "tiny"));
    assertThat(d.fallbacks()).containsExactly(new ModelRef("remote", "cheap"), new ModelRef("remote", "smart"));
    assertThat(d.verdicts()).hasSize(3);
    assertThat(d.reason()).contains("local preferred");
    assertThat(r.costUsd()).isZero();
    assertThat(remote.calls("cheap")).isZero();
  }

  @Test
  void localFirstFallsBackToRemoteWhenTheLocalModelFails() {
    local.script("tiny", fail(new ModelException("tiny: out of memory")));

    RoutedResponse r = registry(RoutingStrategy.localFirst()).chat(ChatRequest.of("hi"), CallContext.DEFAULT);

    assertThat(r.answeredBy()).isEqualTo(new ModelRef("remote", "cheap"));
    assertThat(r.attempts()).extracting(Attempt::model, Attempt::failure).containsExactly(
        org.assertj.core.groups.Tuple.tuple(new ModelRef("local", "tiny"), FailureKind.MODEL_ERROR),
        org.assertj.core.groups.Tuple.tuple(new ModelRef("remote", "cheap"), null));
    assertThat(r.costUsd()).isGreaterThan(0);
  }

  @Test
  void localFirstFallsBackWhenTheLocalModelMissesItsTimeToFirstTokenSla() {
    local.script("tiny", new FakeProvider.Hang());
    List<String> tokens = new ArrayList<>();
    // the SLA bounds the fallback's first token too: 1 s, not less, so a loaded machine cannot miss it
    CallContext ctx = CallContext.DEFAULT.withSla(new Sla(null, Duration.ofSeconds(1), 0.5));

    RoutedResponse r = registry(RoutingStrategy.localFirst()).chat(ChatRequest.of("hi"), ctx, tokens::add);

    assertThat(r.attempts().getFirst().failure()).as(r.attempts().toString()).isEqualTo(FailureKind.FIRST_TOKEN_TIMEOUT);
    assertThat(r.answeredBy()).isEqualTo(new ModelRef("remote", "cheap"));
    assertThat(tokens).containsExactly("ok");
  }

  @Test
  void localFirstSkipsALocalModelWhoseMeasuredLatencyMissesTheSla() {
    local.otherwise("tiny", FakeProvider.slow(Duration.ofMillis(150), Duration.ZERO, "slow"));
    ModelRegistry registry = registry(RoutingStrategy.localFirst());
    for (int i = 0; i < 3; i++) {
      registry.chat(ChatRequest.of("warm up"), CallContext.DEFAULT);
    }
    assertThat(registry.stats(new ModelRef("local", "tiny")).latencyP95()).isGreaterThanOrEqualTo(Duration.ofMillis(150));

    RoutingDecision d = registry.plan(ChatRequest.of("hi"), CallContext.DEFAULT.withSla(Sla.latency(Duration.ofMillis(110))));

    assertThat(d.chosen()).isNotEqualTo(new ModelRef("local", "tiny"));
    assertThat(d.rejected()).anySatisfy(v -> {
      assertThat(v.model()).isEqualTo(new ModelRef("local", "tiny"));
      assertThat(v.reason()).contains("measured p95 latency").contains("misses SLA 110 ms");
    });
  }

  @Test
  void cheapestPicksTheLowestEstimatedCostAmongModelsWithTheNeededCapabilities() {
    ChatRequest withTools = new ChatRequest(null, List.of(ChatMessage.user("read the file")), GenerationOptions.DEFAULTS,
        List.of(new ToolDefinition("read_file", "reads", JsonSchema.of("{\"type\":\"object\"}"))));

    RoutingDecision plain = registry(RoutingStrategy.cheapest()).plan(ChatRequest.of("hi"), CallContext.DEFAULT);
    RoutingDecision tools = registry(RoutingStrategy.cheapest()).plan(withTools, CallContext.DEFAULT);

    assertThat(plain.order()).containsExactly(new ModelRef("local", "tiny"), new ModelRef("remote", "cheap"), new ModelRef("remote", "smart"));
    assertThat(tools.chosen()).isEqualTo(new ModelRef("remote", "smart"));
    assertThat(tools.rejected()).extracting(CandidateVerdict::reason).allSatisfy(r -> assertThat(r).contains("no tool support"));
  }

  @Test
  void cheapestHonoursDeclaredLatencyWhenNothingWasMeasured() {
    RoutingDecision d = registry(RoutingStrategy.cheapest()).plan(ChatRequest.of("hi"),
        CallContext.DEFAULT.withSla(Sla.latency(Duration.ofMillis(400))));

    assertThat(d.order()).containsExactly(new ModelRef("local", "tiny"), new ModelRef("remote", "cheap"));
    assertThat(d.rejected()).singleElement().satisfies(v -> assertThat(v.reason()).contains("declared latency 800 ms"));
  }

  @Test
  void complexityRoutesShortPromptsLocallyAndLongOrToolPromptsToTheMostCapableModel() {
    RoutingStrategy s = RoutingStrategy.byComplexity(50, 200);
    ChatRequest shortOne = ChatRequest.of("hi");
    ChatRequest middle = ChatRequest.of("x".repeat(400));
    ChatRequest longOne = ChatRequest.of("x".repeat(2000));

    assertThat(registry(s).plan(shortOne, CallContext.DEFAULT).chosen()).isEqualTo(new ModelRef("local", "tiny"));
    assertThat(registry(s).plan(middle, CallContext.DEFAULT).reason()).contains("moderate");
    RoutingDecision complex = registry(s).plan(longOne, CallContext.DEFAULT);
    assertThat(complex.chosen()).isEqualTo(new ModelRef("remote", "smart"));
    assertThat(complex.reason()).contains("complex").contains("most capable");
  }

  @Test
  void aRequestNamingAModelIsRoutedOnlyThere() {
    RoutingDecision d = registry(RoutingStrategy.localFirst()).plan(ChatRequest.of("hi").withModel("remote/smart"), CallContext.DEFAULT);
    assertThat(d.order()).containsExactly(new ModelRef("remote", "smart"));

    assertThatThrownBy(() -> registry(RoutingStrategy.localFirst()).plan(ChatRequest.of("hi").withModel("nope"), CallContext.DEFAULT))
        .isInstanceOf(RoutingException.class).hasMessageContaining("'nope'");
  }

  @Test
  void whenEveryModelFailsTheErrorListsEveryAttempt() {
    local.otherwise("tiny", fail(FailureKind.INVALID_REQUEST));
    remote.otherwise("cheap", fail(FailureKind.AUTHENTICATION));
    remote.otherwise("smart", fail(FailureKind.SERVER_ERROR));

    assertThatThrownBy(() -> registry(RoutingStrategy.localFirst()).chat(ChatRequest.of("hi"), CallContext.DEFAULT))
        .isInstanceOfSatisfying(ModelCallException.class, e -> {
          // invalid request and auth are never retried; the server error is retried up to 3 attempts
          assertThat(e.attempts()).extracting(Attempt::failure).containsExactly(FailureKind.INVALID_REQUEST,
              FailureKind.AUTHENTICATION, FailureKind.SERVER_ERROR, FailureKind.SERVER_ERROR, FailureKind.SERVER_ERROR);
          assertThat(e.kind()).isEqualTo(FailureKind.SERVER_ERROR);
          assertThat(e.getMessage()).contains("#1 local/tiny invalid_request").contains("#5 remote/smart server_error");
          assertThat(e.decision().strategy()).isEqualTo("local-first");
        });
    assertThat(remote.calls("smart")).isEqualTo(3);
  }

  @Test
  void statisticsAreMeasuredPerModel() {
    ModelRegistry registry = registry(RoutingStrategy.localFirst());
    local.script("tiny", fail(new ModelException("boom")));
    registry.chat(ChatRequest.of("a"), CallContext.DEFAULT);
    registry.chat(ChatRequest.of("b"), CallContext.DEFAULT, t -> { });

    ModelStats tiny = registry.stats(new ModelRef("local", "tiny"));
    ModelStats cheap = registry.stats(new ModelRef("remote", "cheap"));

    assertThat(tiny.totalCalls()).isEqualTo(2);
    assertThat(tiny.errorRate()).isEqualTo(0.5);
    assertThat(tiny.timeToFirstTokenP50()).isNotNull();
    assertThat(cheap.totalCalls()).isEqualTo(1);
    assertThat(cheap.errorRate()).isZero();
    assertThat(cheap.timeToFirstTokenP50()).isNull();
  }

  @Test
  void theRegistryIsAPlainChatModelForAgents() {
    ModelRegistry registry = registry(RoutingStrategy.localFirst());
    local.script("tiny", FakeProvider.answer("x", "y"));
    List<String> tokens = new ArrayList<>();
    io.nootropic.api.model.ChatModel model = registry.asChatModel(CallContext.DEFAULT.forTask("r", "agent", "t"));

    var response = model.chat(ChatRequest.of("hi"), new io.nootropic.api.model.StreamingHandler() {
      @Override
      public void onToken(String text) {
        tokens.add(text);
      }

      @Override
      public void onComplete(io.nootropic.api.model.ChatResponse r) {
        tokens.add("<done:" + r.text() + ">");
      }
    });

    assertThat(response.model()).isEqualTo("tiny");
    assertThat(tokens).containsExactly("x", "y", "<done:xy>");
    assertThat(model.descriptor().supportsTools()).isTrue();
    assertThat(registry.budgets().spentByTask("r", "t").calls()).isEqualTo(1);
  }
}
