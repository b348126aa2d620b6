package io.nootropic.cli.agents;

import io.nootropic.agents.coding.CodingRun;
import io.nootropic.agents.workspace.WorkspaceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic resume --repo DIR RUN [model flags] [--json]`: finishes a run that was killed or
/// stopped, without redoing finished steps; model replies it already had are not asked again.
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {"Finishes a run that was killed or stopped: finished steps are not redone, and replies the model"
        + " already gave are not asked again. Pass the model flags again (the run remembers which model it used).",
        "Exit codes as for run."})
public final class ResumeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The repository of the run.")
  Path repo;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run id (see .nootropic/runs).")
  String runId;

  @Mixin ModelFlags models = new ModelFlags();

  @Option(names = "--json", description = "One JSON object per event on standard output.")
  boolean json;

  @Option(names = "--yes", paramLabel = "KIND", split = ",",
      description = "Approve these kinds without asking: command, protected-path, budget, escalation, or all.")
  java.util.List<String> yes = new java.util.ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      var meta = CodingRun.readMeta(repo.toAbsolutePath().normalize(), runId);
      if (!models.given()) {
        err.println("error: the run used " + meta.path("model").asText() + "; " + ModelFlags.HOW_TO);
        return 2;
      }
      try (ModelFlags.Opened opened = models.open(CodingRun.loggedCalls(repo.toAbsolutePath().normalize(), runId))) {
        boolean quiet = spec.root().userObject() instanceof io.nootropic.cli.common.CliContext c && c.quiet();
        CodingRun.Report report = CodingRun.resume(repo, runId, opened.model(), null, RunCommand.approver(err, yes),
            RunCommand.Events.printer(out, err, json, quiet));
        return report.succeeded() ? 0 : 1;
      }
    } catch (IllegalArgumentException | CodingRun.RunException | WorkspaceException | IOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }
}
