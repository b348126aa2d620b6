package io.nootropic.agents.coding;

import io.nootropic.agents.command.CommandResult;
import io.nootropic.agents.command.TestReports;
import io.nootropic.agents.runtime.RunContext;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;
import io.nootropic.api.model.ChatMessage;
import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ChatResponse;
import io.nootropic.api.model.GenerationOptions;
import io.nootropic.runtime.agent.AgentInvocation;
import io.nootropic.runtime.agent.BaseAgent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/// The gate every change passes: a deterministic check first (the project builds and its tests
/// pass, run through the workspace's command runner and read from the JUnit XML reports), then,
/// when asked, a model's review of the goal against the changed files.
public final class CriticAgent extends BaseAgent<CriticAgent.Check, CriticAgent.Verdict> {

  /// What to check.
  ///
  /// @param testCommand the argv running the tests
  /// @param reportDirs  workspace folders holding JUnit XML reports (may be empty)
  /// @param timeout     the longest the tests may run
  /// @param reviewGoal  when not `null`, a model also reviews the changed files against this goal
  /// @param changed     the changed files, for the review
  public record Check(List<String> testCommand, List<String> reportDirs, Duration timeout, String reviewGoal,
                      List<String> changed) {
    /// Copies the lists.
    public Check {
      testCommand = List.copyOf(testCommand);
      reportDirs = List.copyOf(reportDirs);
      Objects.requireNonNull(timeout, "timeout");
      changed = changed == null ? List.of() : List.copyOf(changed);
    }

    /// Only the tests.
    public static Check tests(List<String> testCommand, List<String> reportDirs, Duration timeout) {
      return new Check(testCommand, reportDirs, timeout, null, List.of());
    }
  }

  /// The critic's verdict.
  ///
  /// @param passed whether the change passes the gate (and the review, when asked)
  /// @param tests  the test run
  /// @param review the model's review, or `""`
  public record Verdict(boolean passed, TestRun tests, String review) {}

  private static final int MAX_FEEDBACK = 4000;

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("agent.critic", CapabilityKind.AGENT).version("0.1.0")
        .summary("Gates a change: the project builds and its tests pass (JUnit XML reports read), then an optional model review.")
        .tags("agent", "critic", "tests").build();
  }

  @Override
  protected AgentResponse<Verdict> doExecute(AgentRequest<Check> request, AgentInvocation invocation) {
    RunContext ctx = Contexts.run(invocation.context(), "the critic");
    Check check = request.input();
    TestRun tests = runTests(ctx, check);
    if (!tests.passed() || check.reviewGoal() == null) {
      return AgentResponse.of(new Verdict(tests.passed(), tests, ""),
          tests.passed() ? "tests pass" : tests.failedCheck() + " failed: " + tests.failingTests());
    }
    String review = review(ctx, check);
    boolean approved = review.strip().toUpperCase(Locale.ROOT).startsWith("APPROVE");
    return AgentResponse.of(new Verdict(approved, tests, review), approved ? "tests pass; review approved"
        : "tests pass; review rejected");
  }

  /// Runs the tests and reads what failed.
  static TestRun runTests(RunContext ctx, Check check) {
    Instant start = Instant.now().minusMillis(50);
    CommandResult r = ctx.commands().run(check.testCommand(), "", check.timeout());
    List<String> failing = new ArrayList<>();
    StringBuilder feedback = new StringBuilder();
    for (String dir : check.reportDirs()) {
      try {
        TestReports.Summary s = TestReports.read(ctx.workspace().root().resolve(dir), start);
        for (TestReports.Failure f : s.failures()) {
          failing.add(f.id());
          feedback.append("- ").append(f.id()).append(": ").append(f.message() == null ? "" : f.message().strip());
          if (f.detail() != null && !f.detail().isBlank()) {
            feedback.append('\n').append(indent(firstLines(f.detail(), 8)));
          }
          feedback.append('\n');
        }
      } catch (IOException e) {
        feedback.append("(the reports in ").append(dir).append(" could not be read: ").append(e.getMessage()).append(")\n");
      }
    }
    boolean passed = r.exitCode() == 0 && !r.timedOut();
    String output = (r.stdout() + "\n" + r.stderr()).strip();
    String failedCheck = passed ? null : looksLikeACompileError(output) ? "compile" : "tests";
    if (!passed) {
      if (r.timedOut()) {
        feedback.append("The tests did not finish within ").append(check.timeout().toSeconds()).append(" s.\n");
      }
      feedback.append("Output of ").append(String.join(" ", check.testCommand())).append(" (exit ").append(r.exitCode())
          .append("):\n").append(tail(output, MAX_FEEDBACK - Math.min(feedback.length(), MAX_FEEDBACK / 2)));
    }
    String text = feedback.length() > MAX_FEEDBACK ? feedback.substring(0, MAX_FEEDBACK) + "\n[...]" : feedback.toString();
    return new TestRun(check.testCommand(), passed, r.exitCode(), failedCheck, failing, text);
  }

  private String review(RunContext ctx, Check check) {
    StringBuilder files = new StringBuilder();
    for (String path : check.changed()) {
      if (ctx.workspace().exists(path)) {
        files.append(path).append("\n```\n").append(ctx.workspace().readString(path)).append("```\n\n");
      }
    }
    ChatResponse r = ctx.model().chat(new ChatRequest(null, List.of(
        ChatMessage.system("You review a change for a coding agent. Answer APPROVE or REJECT on the first line, then why."),
        ChatMessage.user("Goal: " + check.reviewGoal() + "\n\nThe tests pass. The changed files:\n\n" + files)),
        new GenerationOptions(256, 0.0, 0, 1.0, 0.0, 1.0, 0.0, 42L, List.of(), false), List.of()));
    return r.text();
  }

  private static boolean looksLikeACompileError(String output) {
    return output.contains("COMPILATION ERROR") || output.contains("error: cannot find symbol")
        || output.matches("(?s).*\\.java:\\d+: error:.*") || output.contains("SyntaxError");
  }

  private static String firstLines(String s, int n) {
    String[] lines = s.strip().split("\n");
    return String.join("\n", List.of(lines).subList(0, Math.min(n, lines.length)));
  }

  private static String indent(String s) {
    return "    " + s.replace("\n", "\n    ");
  }

  static String tail(String s, int max) {
    return s.length() <= max ? s : "[...]\n" + s.substring(s.length() - max);
  }
}
