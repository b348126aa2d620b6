package io.nootropic.cli.registry;

import io.nootropic.cli.common.CliOutput;
import io.nootropic.cli.common.CliContext;

import io.nootropic.runtime.registry.CapabilityRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/// `nootropic export-registry`: writes the registry snapshot JSON (by default
/// `.nootropic-cache/describe-registry.json`).
@Command(
    name = "export-registry",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the registry snapshot (formatVersion, capabilities ordered by name, problems) as JSON.",
      "Read it back with: nootropic list-capabilities --snapshot FILE"
    })
public final class ExportRegistryCommand implements Callable<Integer> {

  @CommandLine.ParentCommand CliContext root;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE",
      description = "Where to write; '-' for standard output (default: ${DEFAULT-VALUE}). A symbolic link or a device"
          + " is written through, never replaced.", defaultValue = ".nootropic-cache/describe-registry.json")
  String out;

  /// Creates the command; picocli fills in the fields.
  public ExportRegistryCommand() {}

  @Override
  public Integer call() throws IOException {
    CapabilityRegistry registry = root.registry();
    CliOutput.warnProblems(registry.problems(), spec.commandLine().getErr());
    if (out.equals("-")) {
      spec.commandLine().getOut().print(registry.toJson());
      spec.commandLine().getOut().flush();
      return 0;
    }
    registry.exportJson(Path.of(out));
    spec.commandLine().getErr().println("wrote " + registry.size() + " capabilities to " + out);
    spec.commandLine().getErr().flush();
    return 0;
  }
}
