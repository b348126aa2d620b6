package io.nootropic.cli;

import io.nootropic.cli.agents.ApplyCommand;
import io.nootropic.cli.agents.ExplainCommand;
import io.nootropic.cli.agents.ResumeCommand;
import io.nootropic.cli.agents.RunCommand;
import io.nootropic.cli.agents.ToolCommand;
import io.nootropic.cli.common.CliContext;

import io.nootropic.cli.graph.GraphCommand;
import io.nootropic.cli.inference.BenchCommand;
import io.nootropic.cli.inference.ChatCommand;
import io.nootropic.cli.inference.GenerateCommand;
import io.nootropic.cli.inference.InspectCommand;
import io.nootropic.cli.inference.SynthCommand;
import io.nootropic.cli.inference.TokenizeCommand;
import io.nootropic.cli.registry.CapabilityNames;
import io.nootropic.cli.registry.CompletionCommand;
import io.nootropic.cli.registry.DescribeCommand;
import io.nootropic.cli.registry.DocsCommand;
import io.nootropic.cli.registry.ExportRegistryCommand;
import io.nootropic.cli.registry.GuideCommand;
import io.nootropic.cli.registry.ListCapabilitiesCommand;
import io.nootropic.cli.registry.PluginDirectory;
import io.nootropic.cli.retrieval.BenchRetrievalCommand;
import io.nootropic.cli.retrieval.EvalRetrievalCommand;
import io.nootropic.cli.retrieval.IndexCommand;
import io.nootropic.cli.retrieval.RepoMapCommand;
import io.nootropic.cli.retrieval.SearchCommand;
import io.nootropic.cli.routing.RouteCommand;

import java.io.IOException;
import java.io.InputStream;
import io.nootropic.api.NootropicException;
import io.nootropic.runtime.registry.CapabilityRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/// The `nootropic` command: lists, describes and documents the capabilities it discovers, and
/// hosts the other commands of the SDK's example CLI.
///
/// Each command is its own class (`io.nootropic.cli.<Name>Command`) listed in `subcommands`.
@Command(
    name = "nootropic",
    mixinStandardHelpOptions = true,
    versionProvider = NootropicCli.Version.class,
    description = "Nootropic: an embeddable Java SDK for AI-native coding agents.",
    subcommands = {
      CommandLine.HelpCommand.class,
      CompletionCommand.class,
      ListCapabilitiesCommand.class,
      DescribeCommand.class,
      GuideCommand.class,
      DocsCommand.class,
      ExportRegistryCommand.class,
      GraphCommand.class,
      IndexCommand.class,
      SearchCommand.class,
      RepoMapCommand.class,
      EvalRetrievalCommand.class,
      TokenizeCommand.class,
      InspectCommand.class,
      GenerateCommand.class,
      ChatCommand.class,
      SynthCommand.class,
      BenchCommand.class,
      BenchRetrievalCommand.class,
      RouteCommand.class,
      ToolCommand.class,
      ApplyCommand.class,
      RunCommand.class,
      ResumeCommand.class,
      ExplainCommand.class,
    })
public final class NootropicCli implements Runnable, CliContext {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--plugin-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.LOCAL,
      description = "Also load the plugin jars in DIR (repeatable): as a module layer when nootropic runs on"
          + " the module path, else through a class loader.")
  List<Path> pluginDirs = new ArrayList<>();

  @CommandLine.Option(names = "--quiet", scope = CommandLine.ScopeType.INHERIT,
      description = "No progress or chatter on standard error; errors only.")
  boolean quiet;

  private final Supplier<CapabilityRegistry> registry;

  /// Creates the root command; the registry is discovered on first use (module path, class path
  /// and every `--plugin-dir`).
  public NootropicCli() {
    this.registry = memoize(this::discover);
  }

  /// Creates the root command with the given registry source (tests and hosts pass their own);
  /// it is called at most once, on first use.
  public NootropicCli(Supplier<CapabilityRegistry> registry) {
    Objects.requireNonNull(registry, "registry");
    this.registry = memoize(() -> Objects.requireNonNull(registry.get(), "registry supplier returned null"));
  }

  private CapabilityRegistry discover() {
    CapabilityRegistry r = CapabilityRegistry.discover();
    for (Path dir : pluginDirs) {
      PluginDirectory.load(r, dir);
    }
    return r;
  }

  private static Supplier<CapabilityRegistry> memoize(Supplier<CapabilityRegistry> s) {
    CapabilityRegistry[] memo = new CapabilityRegistry[1];
    return () -> {
      synchronized (memo) {
        if (memo[0] == null) {
          memo[0] = s.get();
        }
        return memo[0];
      }
    };
  }

  /// The capability registry every command works on (discovered once, lazily).
  @Override
  public CapabilityRegistry registry() {
    return registry.get();
  }

  @Override
  public boolean quiet() {
    return quiet;
  }

  /// Without a subcommand, prints the usage.
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /// Builds the picocli command line with every subcommand registered and the registry discovered
  /// on first use.
  public static CommandLine commandLine() {
    return commandLine(new NootropicCli());
  }

  /// Builds the picocli command line around `root`: capability-name completion and help come from
  /// its registry, Nootropic errors print as one line on stderr (exit code 1).
  public static CommandLine commandLine(NootropicCli root) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == CapabilityNames.class) {
          return cls.cast(new CapabilityNames(root.registry));
        }
        return defaults.create(cls);
      }
    };
    CommandLine cl = new CommandLine(root, factory);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      Exception cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
      String message = switch (cause) {
        case java.nio.file.NoSuchFileException n -> "no such file: " + n.getFile();
        case java.nio.file.AccessDeniedException a -> "permission denied: " + a.getFile();
        case java.nio.file.FileSystemException f -> f.getReason() == null
            ? "cannot access " + f.getFile() : f.getFile() + ": " + f.getReason();
        case NootropicException n -> n.getMessage();
        case java.io.IOException io -> io.getMessage();
        case IllegalArgumentException bad -> bad.getMessage();
        default -> null;
      };
      if (message == null) {
        throw e;
      }
      cmd.getErr().println("error: " + message);
      cmd.getErr().flush();
      return cause instanceof IllegalArgumentException ? 2 : 1;
    });
    // an unknown command is a usage error even when --help or --version follows it (picocli would
    // otherwise print the top-level help and exit 0)
    CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
    cl.setExecutionStrategy(parsed -> {
      if (!parsed.hasSubcommand() && !parsed.unmatched().isEmpty()) {
        throw new CommandLine.ParameterException(cl, "unknown command '" + parsed.unmatched().getFirst()
            + "'; run 'nootropic --help' for the commands");
      }
      try {
        return runLast.execute(parsed);
      } finally {
        // every command's output reaches its stream, whatever it forgot to flush
        cl.getOut().flush();
        cl.getErr().flush();
      }
    });
    cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> footer(root));
    return cl;
  }

  private static String footer(NootropicCli root) {
    CapabilityRegistry r = root.registry();
    String skipped = r.problems().isEmpty() ? "" : ", " + r.problems().size() + " plugins skipped";
    return System.lineSeparator() + GuideCommand.installed(r.list()) + skipped
        + ". Run 'nootropic guide' to see what they do." + System.lineSeparator();
  }

  /// Runs the CLI and exits with its exit code.
  public static void main(String[] args) {
    // Lucene announces its vector support through java.util.logging at INFO on every start
    LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
    System.exit(commandLine().execute(args));
  }

  /// Held so the level set in [#main] is not lost when the logger is garbage-collected.
  private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

  /// Reads the version from the build.
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = NootropicCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "nootropic " + p.getProperty("version", "unknown"),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
      };
    }
  }
}
