package io.nootropic.cli.registry;

import io.nootropic.cli.common.CliOutput;
import io.nootropic.cli.common.CliContext;

import io.nootropic.api.CapabilityKind;
import io.nootropic.runtime.registry.Capability;
import io.nootropic.runtime.registry.CapabilityRegistry;
import io.nootropic.api.LoadProblem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/// `nootropic guide`: what is installed and how to use it, generated from the registry and from
/// the command line's own commands.
@Command(
    name = "guide",
    mixinStandardHelpOptions = true,
    description = "Explains what is installed (capabilities by kind, skipped plugins) and how to use it.")
public final class GuideCommand implements Callable<Integer> {

  @CommandLine.ParentCommand CliContext root;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /// Creates the command; picocli fills in the fields.
  public GuideCommand() {}

  @Override
  public Integer call() {
    CapabilityRegistry registry = root.registry();
    PrintWriter out = spec.commandLine().getOut();
    out.print(render(registry, spec.commandLine().getParent()));
    out.flush();
    return 0;
  }

  static String kindHeading(CapabilityKind kind) {
    return switch (kind) {
      case AGENT -> "Agents";
      case ADAPTER -> "Adapters";
      case UTILITY -> "Utilities";
      case MODEL_PROVIDER -> "Model providers";
      case TOOL -> "Tools";
    };
  }

  static String kindSingular(CapabilityKind kind) {
    return switch (kind) {
      case AGENT -> "agent";
      case ADAPTER -> "adapter";
      case UTILITY -> "utility";
      case MODEL_PROVIDER -> "model provider";
      case TOOL -> "tool";
    };
  }

  /// The first line of a picocli description, with its `%n` format specifiers applied.
  static String firstLine(String[] description) {
    if (description.length == 0) {
      return "";
    }
    String text;
    try {
      text = String.format(description[0]);
    } catch (java.util.IllegalFormatException e) {
      text = description[0];
    }
    return text.strip().lines().findFirst().orElse("");
  }

  /// "3 capabilities installed (1 agent, 2 tools)".
  public static String installed(List<Capability> all) {
    List<String> counts = new ArrayList<>();
    for (CapabilityKind k : CapabilityKind.values()) {
      long n = all.stream().filter(c -> c.descriptor().kind() == k).count();
      if (n > 0) {
        counts.add(n + " " + (n == 1 ? kindSingular(k) : kindHeading(k).toLowerCase(java.util.Locale.ROOT)));
      }
    }
    return all.size() + (all.size() == 1 ? " capability" : " capabilities") + " installed"
        + (counts.isEmpty() ? "" : " (" + String.join(", ", counts) + ")");
  }

  /// The whole guide as text.
  static String render(CapabilityRegistry registry, CommandLine rootCommand) {
    StringBuilder sb = new StringBuilder();
    List<Capability> all = registry.list();
    sb.append("Nootropic guide\n===============\n\n");
    sb.append(installed(all)).append(".\n");
    for (CapabilityKind k : CapabilityKind.values()) {
      List<String[]> rows = new ArrayList<>();
      for (Capability c : all) {
        if (c.descriptor().kind() == k) {
          rows.add(new String[] {"  " + c.name(), c.descriptor().summary()});
        }
      }
      if (!rows.isEmpty()) {
        sb.append('\n').append(kindHeading(k)).append(":\n").append(CliOutput.table(rows));
      }
    }
    List<LoadProblem> problems = registry.problems();
    if (!problems.isEmpty()) {
      sb.append("\nSkipped plugins (").append(problems.size()).append("):\n");
      for (LoadProblem p : problems) {
        sb.append("  ").append(p.provider()).append(": ").append(p.kind().externalName()).append('\n');
      }
    }
    String agent = all.stream().filter(c -> c.descriptor().kind() == CapabilityKind.AGENT)
        .map(Capability::name).findFirst().orElse(null);
    String example = agent != null ? agent : all.isEmpty() ? "NAME" : all.getFirst().name();
    String contract = agent != null ? "Agent<?, ?> agent" : "Describable capability";
    String contractClass = agent != null ? "Agent.class" : "Describable.class";
    sb.append("\nLook closer:\n");
    sb.append(CliOutput.table(List.of(
        new String[] {"  ./nootropic describe " + example, "kind, version, schemas and a Java snippet for one capability"},
        new String[] {"  ./nootropic list-capabilities -q WORDS", "ranked search by keyword (--kind, --tag filter; --json, --yaml)"},
        new String[] {"  ./nootropic docs", "regenerate docs/capabilities/*.md from the registry"},
        new String[] {"  source <(./nootropic completion)", "tab completion in bash and zsh"})));
    if (rootCommand != null) {
      sb.append("\nCommands:\n");
      List<String[]> rows = new ArrayList<>();
      for (Map.Entry<String, CommandLine> e : rootCommand.getSubcommands().entrySet()) {
        CommandLine sub = e.getValue();
        if (!sub.getCommandName().equals(e.getKey())) {
          continue; // an alias
        }
        rows.add(new String[] {"  " + e.getKey(), firstLine(sub.getCommandSpec().usageMessage().description())});
      }
      sb.append(CliOutput.table(rows));
    }
    sb.append("""

        Embed it in your app (Maven: import io.nootropic:nootropic-bom, depend on nootropic-runtime):
          CapabilityRegistry registry = CapabilityRegistry.discover();
          %s = registry.get("%s", %s);

        Add a plugin: a jar with META-INF/services/io.nootropic.api.Describable (and `provides
        io.nootropic.api.Describable with ...` in its module-info) in ./plugins/ or on
        $NOOTROPIC_PLUGIN_PATH; ./nootropic puts it on the class path and the registry finds it.
        Or load a directory of plugin jars for one run: ./nootropic --plugin-dir DIR guide
        """.formatted(contract, example, contractClass));
    return sb.toString();
  }
}
