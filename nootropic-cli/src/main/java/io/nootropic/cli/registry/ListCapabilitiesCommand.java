package io.nootropic.cli.registry;

import io.nootropic.cli.common.CliOutput;
import io.nootropic.cli.common.CliContext;

import io.nootropic.api.CapabilityKind;
import io.nootropic.runtime.registry.Capability;
import io.nootropic.runtime.registry.CapabilityMatch;
import io.nootropic.runtime.registry.CapabilityRegistry;
import io.nootropic.runtime.registry.RegistryQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/// `nootropic list-capabilities`: every discovered capability as a table, JSON or YAML, optionally
/// filtered by kind and tags or ranked by a keyword query.
@Command(
    name = "list-capabilities",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the capabilities discovered on the module path and class path (built-in modules and plugins).",
      "Skipped plugins are reported on stderr and under \"problems\" in --json/--yaml output."
    })
public final class ListCapabilitiesCommand implements Callable<Integer> {

  @CommandLine.ParentCommand CliContext root;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ArgGroup(exclusive = true)
  Format format = new Format();

  /// The output format; a table by default.
  static final class Format {
    @Option(names = "--json", description = "Print the registry snapshot format (formatVersion, capabilities, problems).")
    boolean json;

    @Option(names = "--yaml", description = "Print the same document as YAML.")
    boolean yaml;
  }

  @Option(names = "--kind", paramLabel = "KIND", completionCandidates = KindNames.class,
      description = "Only capabilities of this kind: ${COMPLETION-CANDIDATES}.")
  String kind;

  @Option(names = "--tag", paramLabel = "TAG", description = "Only capabilities carrying this tag (repeatable; all must match).")
  List<String> tags = new ArrayList<>();

  @Option(names = {"-q", "--query"}, paramLabel = "TEXT",
      description = "Rank by keywords over names, tags, summaries and descriptions; best match first.")
  String query;

  @Option(names = "--limit", paramLabel = "N", description = "At most N results.")
  Integer limit;

  @Option(names = "--snapshot", paramLabel = "FILE",
      description = "Read a snapshot written by export-registry instead of discovering.")
  Path snapshot;

  /// Creates the command; picocli fills in the fields.
  public ListCapabilitiesCommand() {}

  @Override
  public Integer call() throws IOException {
    CapabilityRegistry registry = snapshot == null ? root.registry() : CapabilityRegistry.readJson(snapshot);
    RegistryQuery q = RegistryQuery.text(query);
    if (kind != null) {
      try {
        q = q.kind(CapabilityKind.forName(kind));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--kind: " + e.getMessage());
      }
    }
    for (String t : tags) {
      q = q.tag(t);
    }
    if (limit != null) {
      if (limit <= 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be positive, was " + limit);
      }
      q = q.limit(limit);
    }
    List<CapabilityMatch> matches = registry.query(q);
    List<Capability> selected = matches.stream().map(CapabilityMatch::capability).toList();
    PrintWriter out = spec.commandLine().getOut();
    CliOutput.warnProblems(registry.problems(), spec.commandLine().getErr());
    if (format.json) {
      out.print(registry.toJson(selected));
    } else if (format.yaml) {
      out.print(CliOutput.yaml(registry.toJson(selected)));
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"NAME", "KIND", "VERSION", "STABILITY", "SUMMARY"});
      for (Capability c : selected) { // ranked order when a query was given, else by name
        rows.add(new String[] {
          c.name(), c.descriptor().kind().externalName(), c.descriptor().version(),
          c.descriptor().stability().externalName(), c.descriptor().summary()
        });
      }
      out.print(CliOutput.table(rows));
      if (selected.isEmpty()) {
        out.println(registry.size() == 0 ? "(no capabilities found)" : "(no capability matches)");
      }
    }
    out.flush();
    return 0;
  }
}
