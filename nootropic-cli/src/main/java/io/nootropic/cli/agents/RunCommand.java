package io.nootropic.cli.agents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.agents.coding.CodingRun;
import io.nootropic.agents.workspace.WorkspaceException;
import io.nootropic.api.agent.HumanInTheLoop;
import io.nootropic.cli.common.ConsoleHumanInTheLoop;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic run --repo DIR [model flags] [--edit-format F] [--test-cmd "CMD"] [--max-steps N] [--json] "GOAL"`:
/// the main job. Exit 0 when the goal is reached (the tests pass), 1 when not, 2 for bad usage.
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {"Reaches a goal in a repository: plans it as a journaled task graph, gathers the code, asks the model"
        + " for edits (in the edit format; text-only models work), runs the tests, repairs failures, and explains every"
        + " step. A killed run is finished with 'nootropic resume --repo DIR RUN'; 'nootropic explain' shows why.",
        "Exit 0 when the goal is reached (the tests pass), 1 when not, 2 for bad usage. Progress goes to standard"
        + " error; --json prints one JSON object per line on standard output, the last one run.finished."})
public final class RunCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The repository to work in.")
  Path repo;

  @Mixin ModelFlags models = new ModelFlags();

  @Option(names = "--edit-format", paramLabel = "FORMAT",
      description = "whole, diff, udiff or patch (default: whole for local models, diff for others).")
  String editFormat;

  @Option(names = "--test-cmd", paramLabel = "CMD",
      description = "The command that runs the tests, e.g. \"mvn -q test\" (no shell; default: the detected build's).")
  String testCmd;

  @Option(names = "--max-steps", paramLabel = "N", defaultValue = "8",
      description = "The most chat requests the run may send (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--json", description = "One JSON object per event on standard output.")
  boolean json;

  @Option(names = "--no-stream", description = "Ask for whole replies instead of streamed ones.")
  boolean noStream;

  @Option(names = "--candidates", paramLabel = "N", defaultValue = "1",
      description = "Weigh N candidate patches (temperatures 0, 0.4, 0.8, ...) before repairing: tests decide, then a"
          + " vote weighted by each source's recorded accuracy (default: ${DEFAULT-VALUE}, no deliberation).")
  int candidates;

  @Option(names = "--yes", paramLabel = "KIND", split = ",",
      description = "Approve these kinds without asking: command, protected-path, budget, escalation, or all (repeatable).")
  List<String> yes = new ArrayList<>();

  @Parameters(arity = "1..*", paramLabel = "GOAL", description = "What to achieve (words are joined with spaces).")
  List<String> goal = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (maxSteps < 1) {
        err.println("error: --max-steps must be at least 1, was " + maxSteps);
        return 2;
      }
      CodingRun.Options options = CodingRun.Options.of(String.join(" ", goal)).withEditFormat(editFormat)
          .withMaxSteps(maxSteps).withTestCommand(testCmd == null ? null : Argv.split(testCmd)).withStream(!noStream)
          .withCandidates(candidates);
      try (ModelFlags.Opened opened = models.open()) {
        CodingRun.Report report = CodingRun.start(repo, opened.model(), options, approver(err, yes),
            Events.printer(out, err, json, quiet()));
        return report.succeeded() ? 0 : 1;
      }
    } catch (IllegalArgumentException | CodingRun.RunException | WorkspaceException | IOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private boolean quiet() {
    return spec.root().userObject() instanceof io.nootropic.cli.common.CliContext c && c.quiet();
  }

  static final java.util.Set<String> KINDS = java.util.Set.of("command", "protected-path", "budget", "escalation");

  /// The console when interactive (else nobody), approving the `yes` kinds without asking.
  static HumanInTheLoop approver(PrintWriter err, List<String> yes) {
    HumanInTheLoop ask = ConsoleHumanInTheLoop.ifInteractive(err);
    java.util.Set<String> kinds = new java.util.HashSet<>();
    for (String k : yes) {
      String kind = k.strip().toLowerCase(java.util.Locale.ROOT);
      if (kind.equals("all")) {
        kinds.addAll(KINDS);
      } else if (KINDS.contains(kind)) {
        kinds.add(kind);
      } else {
        throw new IllegalArgumentException("--yes " + k + ": the kinds are command, protected-path, budget, escalation, all");
      }
    }
    if (kinds.isEmpty()) {
      return ask;
    }
    return (question, timeout) -> {
      if (kinds.contains(question.kind())) {
        err.println("approved (--yes " + question.kind() + "): " + question.subject());
        err.flush();
        return io.nootropic.api.agent.HumanAnswer.approve("");
      }
      return ask.ask(question, timeout);
    };
  }

  /// Prints run events: JSON lines on standard output, or one readable line each on standard error.
  static final class Events {
    private Events() {}

    static CodingRun.Listener printer(PrintWriter out, PrintWriter err, boolean json, boolean quiet) {
      return (ObjectNode e) -> {
        if (json) {
          out.println(e);
          out.flush();
          return;
        }
        String type = e.path("type").asText();
        if (type.equals("run.finished")) {
          err.println((e.path("status").asText().equals("succeeded") ? "succeeded: " : "failed: ")
              + e.path("reason").asText() + " (run " + e.path("runId").asText() + ", " + e.path("steps").asInt()
              + " model calls, " + e.path("inputTokens").asLong() + "+" + e.path("outputTokens").asLong() + " tokens, $"
              + String.format(java.util.Locale.ROOT, "%.4f", e.path("costUsd").asDouble()) + ")");
          if (e.path("changed").size() > 0) {
            err.println("changed: " + String.join(", ", e.path("changed").valueStream().map(n -> n.asText()).toList()));
          }
        } else if (!quiet) {
          err.println(switch (type) {
            case "run.started" -> "run " + e.path("runId").asText() + (e.path("resumed").asBoolean() ? " (resumed)" : "")
                + ": " + e.path("goal").asText() + " [" + e.path("model").asText() + ", " + e.path("editFormat").asText()
                + ", tests: " + e.path("testCommand").asText() + "]";
            case "plan" -> "plan (" + e.path("kind").asText() + "): " + e.path("rationale").asText();
            case "plan.revised" -> "plan revised after " + e.path("after").asText();
            case "tests" -> e.path("task").asText() + ": tests " + (e.path("passed").asBoolean() ? "pass"
                : e.path("failing").asInt() > 0 ? "fail (" + e.path("failing").asInt() + " failing)" : "fail");
            default -> e.path("task").asText() + ": " + e.path("message").asText();
          });
        }
        err.flush();
      };
    }
  }

  /// Splits a command line into an argv the way a user expects (spaces, single and double
  /// quotes, backslash escapes), without a shell.
  static final class Argv {
    private Argv() {}

    static List<String> split(String line) {
      List<String> out = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      boolean any = false;
      char quote = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
            cur.append(line.charAt(++i));
          } else {
            cur.append(c);
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
          any = true;
        } else if (Character.isWhitespace(c)) {
          if (any || !cur.isEmpty()) {
            out.add(cur.toString());
            cur.setLength(0);
            any = false;
          }
        } else if (c == '\\' && i + 1 < line.length()) {
          cur.append(line.charAt(++i));
        } else {
          cur.append(c);
        }
      }
      if (quote != 0) {
        throw new IllegalArgumentException("--test-cmd: an unclosed quote in: " + line);
      }
      if (any || !cur.isEmpty()) {
        out.add(cur.toString());
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("--test-cmd is empty");
      }
      return out;
    }
  }
}
