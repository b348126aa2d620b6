package io.nootropic.cli.registry;

import io.nootropic.cli.common.CliOutput;
import io.nootropic.cli.common.CliContext;

import com.fasterxml.jackson.databind.JsonNode;
import io.nootropic.runtime.registry.Capability;
import io.nootropic.runtime.registry.CapabilityDocs;
import io.nootropic.runtime.registry.CapabilityRegistry;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic describe NAME`: one capability in full (summary, facts, description, schemas and a
/// Java snippet), or its snapshot entry with `--json`.
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Shows one capability: kind, version, stability, tags, description, JSON Schemas and how to use it.")
public final class DescribeCommand implements Callable<Integer> {

  @CommandLine.ParentCommand CliContext root;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", completionCandidates = CapabilityNames.class,
      description = "The capability, one of: ${COMPLETION-CANDIDATES}.")
  String name;

  @Option(names = "--json", description = "Print the capability's entry of the registry snapshot format.")
  boolean json;

  /// Creates the command; picocli fills in the fields.
  public DescribeCommand() {}

  @Override
  public Integer call() {
    CapabilityRegistry registry = root.registry();
    Capability c = registry.get(name); // CapabilityNotFoundException -> "error: unknown capability ..."
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonNode doc = CliOutput.tree(registry.toJson(List.of(c)));
      out.print(CliOutput.json(doc.get("capabilities").get(0)));
    } else {
      String page = CapabilityDocs.page(c);
      // drop the "generated" marker comment: it is for files, not terminals
      out.print(page.substring(page.indexOf('\n') + 1).stripLeading());
      out.println();
      out.println("Origin: " + c.origin().externalName() + (c.location().isEmpty() ? "" : " (" + c.location() + ")"));
    }
    out.flush();
    return 0;
  }
}
