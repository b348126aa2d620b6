package io.nootropic.cli.registry;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/// `nootropic completion`: prints a bash/zsh completion script for every command.
///
/// Use it with `source <(./nootropic completion)`.
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a bash/zsh completion script for nootropic.",
      "Use: source <(./nootropic completion)"
    })
public final class CompletionCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /// Creates the command; picocli fills in the fields.
  public CompletionCommand() {}

  @Override
  public void run() {
    CommandLine root = spec.commandLine();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    String script = AutoComplete.bash(root.getCommandName(), root);
    PrintWriter out = spec.commandLine().getOut();
    out.print(script);
    out.flush();
  }
}
