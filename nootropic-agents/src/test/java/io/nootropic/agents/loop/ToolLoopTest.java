package io.nootropic.agents.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.agents.command.CommandPolicy;
import io.nootropic.agents.command.CommandRunner;
import io.nootropic.agents.tool.BuiltinTools;
import io.nootropic.agents.tool.ToolEnvironment;
import io.nootropic.agents.workspace.Workspace;
import io.nootropic.api.agent.CancellationToken;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.api.model.Role;
import io.nootropic.testing.ScriptedChatModel;
import io.nootropic.testing.ScriptedChatModel.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A scripted model drives the tool loop through read, run the tests, edit, run the tests again
/// and answer, deterministically; and the loop's limits hold.
class ToolLoopTest {

  @TempDir Path dir;
  BuiltinTools tools;

  @BeforeEach
  void project() throws Exception {
    Files.writeString(dir.resolve("Calc.java"), """
        public class Calc {
          static int add(int a, int b) {
            return a - b;
          }
        }
        """);
    Files.writeString(dir.resolve("CalcTest.java"), """
        public class CalcTest {
          public static void main(String[] args) {
            int got = Calc.add(2, 3);
            if (got != 5) {
              System.err.println("FAIL: Calc.add(2, 3) returned " + got + ", expected 5");
              System.exit(1);
            }
            System.out.println("OK: 1 test passed");
          }
        }
        """);
    Workspace ws = Workspace.open(dir);
    tools = BuiltinTools.create(new ToolEnvironment(ws,
        new CommandRunner(ws, CommandPolicy.custom().allow("java").build()), Optional::empty));
  }

  private static String lastToolResult(io.nootropic.api.model.ChatRequest request) {
    List<ChatMessage> m = request.messages();
    return m.getLast().role() == Role.TOOL ? m.getLast().content() : "";
  }

  @Test
  void readRunEditRunAnswer() throws Exception {
    ScriptedChatModel model = ScriptedChatModel.of(
        Reply.tools("fs_read", "{\"path\":\"Calc.java\"}"),
        Reply.tools("proc_run", "{\"argv\":[\"java\",\"CalcTest.java\"]}"),
        Reply.from(req -> lastToolResult(req).contains("returned -1, expected 5")
            ? Reply.tools("fs_edit", "{\"path\":\"Calc.java\",\"search\":\"    return a - b;\",\"replace\":\"    return a + b;\"}")
            : Reply.text("I could not see the failure.")),
        Reply.tools("proc_run", "{\"argv\":[\"java\",\"CalcTest.java\"]}"),
        Reply.from(req -> Reply.text(lastToolResult(req).contains("OK: 1 test passed")
            ? "Fixed: add subtracted instead of adding." : "Still failing.")));
    ToolLoop.Result r = new ToolLoop(model, tools, ToolLoop.Limits.defaults()).run(
        List.of(ChatMessage.system("You fix bugs."), ChatMessage.user("CalcTest fails; fix it.")),
        GenerationOptions.DEFAULTS, CancellationToken.NONE);

    assertThat(r.stop()).isEqualTo(ToolLoop.Stop.ANSWERED);
    assertThat(r.answer()).isEqualTo("Fixed: add subtracted instead of adding.");
    assertThat(r.steps()).hasSize(5);
    assertThat(dir.resolve("Calc.java")).content().contains("return a + b;");
    assertThat(r.steps().get(1).outcomes().getFirst().result()).contains("\"exitCode\":1");
    assertThat(r.steps().get(3).outcomes().getFirst().result()).contains("\"exitCode\":0");
    // every request offered the tools; the model saw each result as a TOOL message answering its call
    assertThat(model.requests()).allSatisfy(q -> assertThat(q.tools()).hasSize(8));
    assertThat(r.history()).filteredOn(m -> m.role() == Role.TOOL).hasSize(4)
        .allSatisfy(m -> assertThat(m.toolCallId()).isEqualTo("call_1"));
    assertThat(r.usage().outputTokens()).isPositive();
  }

  @Test
  void errorsGoBackToTheModelAndMalformedCallsStopTheLoop() {
    ScriptedChatModel model = ScriptedChatModel.of(
        Reply.tools("fs_read", "{\"path\":\"../etc/passwd\"}"),
        Reply.tools("fs_read", "{\"file\":\"Calc.java\"}"),
        Reply.tools("no_such_tool", "{}"),
        Reply.tools("fs_read", "not json"));
    ToolLoop.Result r = new ToolLoop(model, tools, ToolLoop.Limits.defaults()).run(
        List.of(ChatMessage.user("go")), GenerationOptions.DEFAULTS, CancellationToken.NONE);
    assertThat(r.stop()).isEqualTo(ToolLoop.Stop.MALFORMED);
    assertThat(r.steps()).hasSize(4);
    assertThat(r.steps().getFirst().outcomes().getFirst().errorType()).isEqualTo("workspace-violation");
    assertThat(r.steps().get(1).outcomes().getFirst().result()).contains("invalid-arguments").contains("path");
    assertThat(r.steps().get(2).outcomes().getFirst().result()).contains("unknown-tool").contains("fs_read");
    assertThat(r.steps().get(3).outcomes().getFirst().errorType()).isEqualTo("invalid-arguments");
  }

  @Test
  void theStepLimitHolds() {
    ScriptedChatModel model = ScriptedChatModel.of().otherwise(Reply.tools("fs_list", "{}"));
    ToolLoop.Result r = new ToolLoop(model, tools, ToolLoop.Limits.defaults().withMaxSteps(3)).run(
        List.of(ChatMessage.user("go")), GenerationOptions.DEFAULTS, CancellationToken.NONE);
    assertThat(r.stop()).isEqualTo(ToolLoop.Stop.MAX_STEPS);
    assertThat(model.calls()).isEqualTo(3);
  }
}
