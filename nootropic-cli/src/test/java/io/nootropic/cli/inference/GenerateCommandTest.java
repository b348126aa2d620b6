package io.nootropic.cli.inference;

import io.nootropic.cli.Cli;
import static io.nootropic.cli.Cli.model;
import static io.nootropic.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.cli.Cli.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/// `nootropic generate` and `nootropic chat` on stories260K.
class GenerateCommandTest {

  @Test
  void greedyJsonMatchesTheLlamaCppReference() throws Exception {
    Result r = run("generate", "--model", model("stories260K.gguf").toString(), "--prompt", "Once upon a time",
        "--temp", "0", "-n", "32", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    // refs/stories260K.prompt1.json
    assertThat(root.get("text").asText())
        .isEqualTo(", there was a little girl named Lily. She loved to play outside in the park. One day, she saw");
    assertThat(root.get("tokens")).hasSize(32);
    assertThat(root.get("tokens").get(0).asInt()).isEqualTo(432);
    assertThat(root.get("finishReason").asText()).isEqualTo("length");
    assertThat(root.at("/usage/promptTokens").asInt()).isEqualTo(5);
    assertThat(root.at("/usage/completionTokens").asInt()).isEqualTo(32);
  }

  @Test
  void streamsAStoryWithTheEchoedPrompt() {
    Result r = run("generate", "-m", model("stories260K.gguf").toString(), "-p", "Once upon a time", "-n", "40",
        "--seed", "5");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Once upon a time").hasSizeGreaterThan("Once upon a time".length() + 40);
    assertThat(r.err()).contains("seed 5");
    Result again = run("generate", "-m", model("stories260K.gguf").toString(), "-p", "Once upon a time", "-n", "40",
        "--seed", "5");
    assertThat(again.out()).isEqualTo(r.out());
  }

  @Test
  void routeHandsTheCallToTheModelRegistryAndReportsDecisionUsageAndSpans() throws Exception {
    Result r = run("route", "-m", model("stories260K.gguf").toString(), "-p", "Once upon a time",
        "--route", "local-first", "--temp", "0", "-n", "8", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.at("/decision/strategy").asText()).isEqualTo("local-first");
    assertThat(doc.at("/decision/chosen").asText()).isEqualTo("local/stories260k");
    assertThat(doc.at("/usage/outputTokens").asLong()).isBetween(1L, 8L);
    assertThat(doc.at("/spans/0/attributes/gen_ai.provider.name").asText()).isEqualTo("local");

    Result overBudget = run("route", "-m", model("stories260K.gguf").toString(), "-p", "Once upon a time",
        "--route", "local-first", "--temp", "0", "-n", "8", "--budget-tokens", "3");
    assertThat(overBudget.code()).isNotZero();
    assertThat(overBudget.err()).containsIgnoringCase("budget");

    Result unknown = run("route", "-m", model("stories260K.gguf").toString(), "-p", "x", "--route", "fastest");
    assertThat(unknown.code()).isNotZero();
    assertThat(unknown.err()).contains("local-first");
  }

  @Test
  void badOptionsAreReported() {
    Result r = run("generate", "-m", model("stories260K.gguf").toString(), "-p", "x", "--top-p", "0");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("topP");
    Result missing = run("generate", "-m", "/no/such.gguf", "-p", "x");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("/no/such.gguf", "no such file");
  }

  @Test
  void chatKeepsTheConversationAndExits() {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream("Hello there.\nAnd then?\n/exit\nnot read\n".getBytes(StandardCharsets.UTF_8)));
      Result r = run("chat", "--model", model("stories260K.gguf").toString(), "-n", "16", "--temp", "0");
      assertThat(r.code()).as(r.err()).isZero();
      // two replies, the second with a longer prompt (the conversation is kept)
      assertThat(r.err()).containsPattern("\\[(stop|length), (\\d+) prompt \\+ \\d+ tokens");
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(?:stop|length), (\\d+) prompt").matcher(r.err());
      assertThat(m.find()).isTrue();
      int first = Integer.parseInt(m.group(1));
      assertThat(m.find()).isTrue();
      int second = Integer.parseInt(m.group(1));
      assertThat(m.find()).isFalse();
      assertThat(second).isGreaterThan(first);
      assertThat(r.out().lines().filter(l -> !l.isBlank()).count()).isGreaterThanOrEqualTo(2);
    } finally {
      System.setIn(saved);
    }
  }
}
