package io.nootropic.cli.registry;

import io.nootropic.cli.common.CliOutput;
import io.nootropic.cli.common.CliContext;

import io.nootropic.runtime.registry.CapabilityDocs;
import io.nootropic.runtime.registry.CapabilityRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/// `nootropic docs`: writes `<name>.md` for every capability plus a `README.md` index, or checks
/// that the committed pages are up to date.
@Command(
    name = "docs",
    mixinStandardHelpOptions = true,
    description = {
      "Generates Markdown docs for every discovered capability: <name>.md plus a README.md index.",
      "Pages of capabilities that disappeared are deleted; hand-written files are left alone."
    })
public final class DocsCommand implements Callable<Integer> {

  /// The documentation directory, relative to the repository root.
  static final String DEFAULT_DIR = "docs/capabilities";

  @CommandLine.ParentCommand CliContext root;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR",
      description = "Where to write (default: docs/capabilities under $NOOTROPIC_HOME, set by ./nootropic, else under the working directory).")
  Path out;

  @Option(names = "--check", description = "Write nothing; exit 1 and list the files that differ if the docs are stale.")
  boolean check;

  /// Creates the command; picocli fills in the fields.
  public DocsCommand() {}

  static Path defaultDir() {
    String home = System.getenv("NOOTROPIC_HOME");
    return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).resolve(DEFAULT_DIR);
  }

  @Override
  public Integer call() throws IOException {
    Path dir = out != null ? out : defaultDir();
    CapabilityRegistry registry = root.registry();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CliOutput.warnProblems(registry.problems(), err);
    if (check) {
      List<String> stale = CapabilityDocs.staleFiles(registry.list(), dir);
      if (stale.isEmpty()) {
        stdout.println("docs are up to date: " + dir + " (" + registry.size() + " capabilities)");
        stdout.flush();
        return 0;
      }
      err.println("docs are stale, run ./nootropic docs; files that differ in " + dir + ": " + String.join(", ", stale));
      err.flush();
      return 1;
    }
    List<String> written = CapabilityDocs.write(registry.list(), dir);
    stdout.println("wrote " + written.size() + " files (" + registry.size() + " capabilities and the index) to " + dir);
    stdout.flush();
    return 0;
  }
}
