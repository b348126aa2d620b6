package io.nootropic.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.agents.coding.CodingRun;
import io.nootropic.agents.coding.ExplainabilityAgent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic explain --repo DIR RUN [--json]`: the run's decision tree: the plan and its
/// revisions, each edit with its rationale, context, model and cost, each test run, each repair.
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Shows why a run did what it did: the plan and its revisions, each edit with its rationale, context,"
        + " model, cost and trace id, each test run and each repair.")
public final class ExplainCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The repository of the run.")
  Path repo;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
  String runId;

  @Option(names = "--json", description = "Print {\"run\":...,\"entries\":[...]} on standard output.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Path root = repo.toAbsolutePath().normalize();
      ObjectNode meta = CodingRun.readMeta(root, runId);
      List<JsonNode> entries = ExplainabilityAgent.read(CodingRun.runDir(root, runId));
      if (json) {
        ObjectNode doc = JSON.createObjectNode();
        doc.set("run", meta);
        doc.set("entries", JSON.valueToTree(entries));
        out.println(doc);
        return 0;
      }
      out.println("run " + runId + ": " + meta.path("goal").asText());
      out.println("  model " + meta.path("model").asText() + ", format " + meta.path("editFormat").asText()
          + ", status " + meta.path("status").asText() + (meta.has("reason") ? " (" + meta.path("reason").asText() + ")" : ""));
      for (JsonNode e : entries) {
        switch (e.path("type").asText()) {
          case "plan" -> out.println("plan: " + e.path("kind").asText() + ": " + e.path("rationale").asText());
          case "plan.revised" -> out.println("  revised after " + e.path("after").asText() + ": " + e.path("patch"));
          case "context" -> out.println("  context (" + e.path("tokens").asInt() + " tokens): " + e.path("contextIds"));
          case "tests" -> out.println("  " + e.path("task").asText() + (e.has("attempt") ? " attempt " + e.path("attempt").asInt() : "")
              + ": tests " + (e.path("passed").asBoolean() ? "pass" : "fail, exit " + e.path("exitCode").asInt()
              + ", failing " + e.path("failingTests")));
          case "edit" -> out.println("  " + e.path("task").asText() + " attempt " + e.path("attempt").asInt() + ": "
              + (e.path("applied").asBoolean() ? "applied " : "not applied ") + e.path("edits") + " by "
              + e.path("model").asText() + " (" + e.path("inputTokens").asLong() + "+" + e.path("outputTokens").asLong()
              + " tokens" + (e.path("traceId").asText().isEmpty() ? "" : ", trace " + e.path("traceId").asText()) + ")\n      why: " + e.path("rationale").asText()
              + (e.path("applied").asBoolean() ? "" : "\n      problem: " + firstLine(e.path("feedback").asText())));
          case "repair" -> {
            out.println("  repair of " + e.path("task").asText() + ": " + (e.path("passed").asBoolean() ? "passed" : "failed")
                + " after " + e.path("attempts").asInt() + " attempts" + (e.path("reason").asText().isEmpty() ? ""
                : ": " + e.path("reason").asText()));
            e.path("story").forEach(s -> out.println("      " + s.asText()));
          }
          case "run.finished" -> out.println("finished: " + e.path("status").asText() + ": " + e.path("reason").asText());
          default -> out.println("  " + e);
        }
      }
      return 0;
    } catch (CodingRun.RunException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
