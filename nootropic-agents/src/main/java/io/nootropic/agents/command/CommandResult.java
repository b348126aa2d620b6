package io.nootropic.agents.command;

import java.time.Duration;
import java.util.List;

/// What a command did.
///
/// @param argv        the program (as resolved from the system `PATH`) and its arguments
/// @param cwd         the workspace-relative folder it ran in (`""` for the root)
/// @param exitCode    its exit code (-1 when it was killed)
/// @param timedOut    whether it ran out of time and was killed, with every process it started
/// @param stdout      its standard output, the head and tail kept when it was long
/// @param stderr      its standard error, likewise
/// @param outputBytes bytes it wrote in all, before capping
/// @param truncated   whether some of the output was left out
/// @param elapsed     how long it ran
public record CommandResult(List<String> argv, String cwd, int exitCode, boolean timedOut, String stdout, String stderr,
                            long outputBytes, boolean truncated, Duration elapsed) {

  /// Copies the list.
  public CommandResult {
    argv = List.copyOf(argv);
  }

  /// Whether it exited with 0 in time.
  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }
}
