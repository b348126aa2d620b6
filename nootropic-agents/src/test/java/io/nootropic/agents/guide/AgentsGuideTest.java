package io.nootropic.agents.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.JournalRecord;
import io.nootropic.testing.ScriptedChatModel;
import io.nootropic.testing.ScriptedChatModel.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `docs/agents.md` shows [FixTheBuild] verbatim, and it runs: a scripted model reads, tests,
/// edits and re-tests a project through the runtime's tools, as a journaled task.
class AgentsGuideTest {

  @TempDir Path project;
  @TempDir Path journal;

  static Path root() {
    String root = System.getProperty("nootropic.root");
    return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
  }

  @Test
  void theGuideShowsThisExampleVerbatim() throws Exception {
    String doc = Files.readString(root().resolve("docs/agents.md"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("```java\n(package io\\.nootropic\\.agents\\.guide;.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).as("docs/agents.md has the example").isTrue();
    String source = Files.readString(root().resolve(
        "nootropic-agents/src/test/java/io/nootropic/agents/guide/FixTheBuild.java"), StandardCharsets.UTF_8);
    assertThat(m.group(1)).as("docs/agents.md must show FixTheBuild.java as it is").isEqualTo(source);
  }

  @Test
  void theExampleFixesAProjectAsAJournaledTask() throws Exception {
    Files.writeString(project.resolve("Calc.java"), "public class Calc {\n  static int add(int a, int b) {\n    return a - b;\n  }\n}\n");
    Files.writeString(project.resolve("CalcTest.java"), """
        public class CalcTest {
          public static void main(String[] args) {
            if (Calc.add(2, 3) != 5) {
              System.err.println("FAIL: Calc.add(2, 3) returned " + Calc.add(2, 3));
              System.exit(1);
            }
            System.out.println("OK");
          }
        }
        """);
    ScriptedChatModel model = ScriptedChatModel.of(
        Reply.tools("proc_run", "{\"argv\":[\"java\",\"CalcTest.java\"]}"),
        Reply.tools("fs_edit", "{\"path\":\"Calc.java\",\"search\":\"    return a - b;\",\"replace\":\"    return a + b;\"}"),
        Reply.tools("proc_run", "{\"argv\":[\"java\",\"CalcTest.java\"]}"),
        Reply.text("Fixed: add subtracted."));
    String answer = FixTheBuild.run(project, model, journal);

    assertThat(answer).isEqualTo("Fixed: add subtracted.");
    assertThat(project.resolve("Calc.java")).content().contains("return a + b;");
    assertThat(model.requests().get(1).messages().getLast().content()).as("the test failed first")
        .contains("\"exitCode\":1").contains("returned -1");
    assertThat(model.requests().get(3).messages().getLast().content()).as("then passed")
        .contains("\"exitCode\":0").contains("OK");
    try (FileTaskStore store = FileTaskStore.open(journal)) {
      assertThat(store.recovery().records()).extracting(JournalRecord::type).contains("task.succeeded");
    }
    assertThat(project.resolve(".nootropic/checkpoints")).isDirectory();
  }
}
