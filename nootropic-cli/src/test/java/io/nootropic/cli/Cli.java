package io.nootropic.cli;

import io.nootropic.testing.SharedModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/// Runs the CLI in-process with captured output, and finds shared model fixtures, for the tests.
public final class Cli {

  private Cli() { }

  /// What one run printed and returned.
  public record Result(int code, String out, String err) { }

  /// Runs `nootropic ARGS...` with the real command line (error handlers included).
  public static Result run(String... args) {
    CommandLine cmd = NootropicCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /// A file of `../shared/models` (fails under `CI=true` when missing, skips elsewhere).
  public static Path model(String relative) {
    return SharedModels.require(relative);
  }
}
