package io.nootropic.example.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.testing.ScriptedChatModel;
import io.nootropic.testing.ScriptedChatModel.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The host's own agent pipeline fixes a Java project whose test is a single-file program, with a
/// scripted model whose first edit is wrong: the critic's failure goes back to the model.
class AgentPipelineTest {

  @TempDir Path project;

  @Test
  void theHostsPipelineFixesAFailingTestAfterOneRoundOfFeedback() throws Exception {
    Files.writeString(project.resolve("Calc.java"), "public class Calc {\n  static int add(int a, int b) {\n    return a - b;\n  }\n}\n");
    Files.writeString(project.resolve("CalcTest.java"), """
        public class CalcTest {
          public static void main(String[] args) {
            int got = Calc.add(2, 3);
            if (got != 5) {
              System.out.println("FAIL: CalcTest add(2, 3) returned " + got);
              System.exit(1);
            }
          }
        }
        """);
    ScriptedChatModel model = ScriptedChatModel.of(
        Reply.text("Use multiplication.\n\nCalc.java\n```java\n<<<<<<< SEARCH\n    return a - b;\n=======\n    return a * b;\n>>>>>>> REPLACE\n```\n"),
        Reply.text("Add them.\n\nCalc.java\n```java\n<<<<<<< SEARCH\n    return a * b;\n=======\n    return a + b;\n>>>>>>> REPLACE\n```\n"));

    boolean fixed = AgentPipeline.fix(project, model, List.of("java", "CalcTest.java"), "Fix the failing test");

    assertThat(fixed).isTrue();
    assertThat(project.resolve("Calc.java")).content().contains("return a + b;");
    assertThat(model.requests().get(1).messages().getLast().content()).contains("returned 6");
    assertThat(model.requests().getFirst().messages().getLast().content()).contains("return a - b;");
  }
}
