package io.nootropic.example.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.agent.AgentRequest;
import io.nootropic.testing.SharedModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/// The README's "Embed it in your app" blocks are this module's standalone `pom.xml` and its
/// `HostApp.java`, the module builds on its own pom (no Nootropic parent, the BOM and the two JVM
/// flags), and the app runs, the local engine included.
class HostAppTest {

  static Path root() {
    String root = System.getProperty("nootropic.root");
    return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
  }

  /// The first ```LANGUAGE block after the "## Embed it in your app" heading.
  static String readmeBlock(String language) throws IOException {
    String readme = Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("\n## Embed it in your app");
    assertThat(section).as("README.md has an '## Embed it in your app' section").isNotNegative();
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(m.find(section)).as("a ```%s block in that section", language).isTrue();
    return m.group(1);
  }

  @Test
  void theReadmePomIsExactlyThisStandaloneModulesPom() throws IOException {
    String pom = Files.readString(root().resolve("examples/host-app/pom.xml"), StandardCharsets.UTF_8);
    assertThat(readmeBlock("xml"))
        .as("README.md 'Embed it in your app' pom must equal examples/host-app/pom.xml; copy one into the other")
        .isEqualTo(pom);
    assertThat(pom).doesNotContain("<parent>").contains("nootropic-bom", "<scope>import</scope>",
        "--add-modules jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");
  }

  @Test
  void theReadmeExampleIsExactlyTheHostAppSource() throws IOException {
    String source = Files.readString(
        root().resolve("examples/host-app/src/main/java/io/nootropic/example/host/HostApp.java"), StandardCharsets.UTF_8);
    assertThat(readmeBlock("java"))
        .as("README.md 'Embed it in your app' must equal examples/host-app/.../HostApp.java; copy one into the other")
        .isEqualTo(source);
  }

  @Test
  void theExampleRunsFindsItsAgentByQueryAndGetsAnAnswer() {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      HostApp.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).isNotEmpty();
    assertThat(lines.getFirst()).as("best match first").endsWith("host.word-counter: Counts the words in a text.");
    assertThat(lines.getLast()).isEqualTo("5 words (split on whitespace)");
  }

  @Test
  void withAModelFileTheLocalEngineAnswersThroughTheRegistry() {
    Path stories = SharedModels.require("stories260K.gguf");
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      HostApp.main(new String[] {stories.toString()});
    } finally {
      System.setOut(original);
    }
    List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.getLast()).startsWith("stories260k: ").hasSizeGreaterThan("stories260k: ".length() + 10);
  }

  @Test
  void theWordCounterCountsWords() {
    HostApp.WordCounter counter = new HostApp.WordCounter();
    assertThat(counter.execute(AgentRequest.of("  "), null).output()).isZero();
    assertThat(counter.execute(AgentRequest.of("one"), null).output()).isEqualTo(1);
    assertThat(counter.execute(AgentRequest.of(" a\tb\nc  d "), null).output()).isEqualTo(4);
  }
}
