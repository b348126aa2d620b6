package io.nootropic.agents.coding;

import java.util.List;

/// One run of the project's tests, as the critic saw it.
///
/// @param argv         the command run
/// @param passed       whether it exited 0 in time
/// @param exitCode     its exit code (-1 when killed)
/// @param failedCheck  `compile` when the code did not build, `tests` when tests failed, else `null`
/// @param failingTests the failing tests (`Class.method`) read from the reports
/// @param feedback     what went wrong, for a model: failures with messages, then the output's tail
public record TestRun(List<String> argv, boolean passed, int exitCode, String failedCheck, List<String> failingTests,
                      String feedback) {

  /// Copies the lists.
  public TestRun {
    argv = List.copyOf(argv);
    failingTests = List.copyOf(failingTests);
    feedback = feedback == null ? "" : feedback;
  }
}
