package io.nootropic.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
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
    })
public final class NootropicCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /// Creates the root command; picocli fills in the fields.
  public NootropicCli() {}

  /// Without a subcommand, prints the usage.
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /// Builds the picocli command line with every subcommand registered.
  public static CommandLine commandLine() {
    return new CommandLine(new NootropicCli());
  }

  /// Runs the CLI and exits with its exit code.
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

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
