package io.nootropic.agents.command;

import io.nootropic.agents.workspace.Workspace;
import java.util.List;
import java.util.Optional;

/// A project's build, detected from its files, with the command that runs its tests and where
/// the JUnit XML reports land.
///
/// @param name        `maven`, `gradle`, `npm` or `pytest`
/// @param testCommand the argv that runs the tests (the project's wrapper when it has one)
/// @param reportDirs  workspace-relative folders holding JUnit XML reports after a run
public record BuildTool(String name, List<String> testCommand, List<String> reportDirs) {

  /// Copies the lists.
  public BuildTool {
    testCommand = List.copyOf(testCommand);
    reportDirs = List.copyOf(reportDirs);
  }

  /// The build of the project at the workspace root, if one is recognised: Maven (`mvnw` or
  /// `pom.xml`), Gradle (`gradlew` or `build.gradle[.kts]`), npm (`package.json`), pytest
  /// (`pytest.ini`, `pyproject.toml`, `setup.cfg`, `tox.ini` or a `tests` folder with Python).
  public static Optional<BuildTool> detect(Workspace ws) {
    if (ws.exists("pom.xml")) {
      List<String> cmd = ws.exists("mvnw") ? List.of("mvnw", "-B", "-q", "test") : List.of("mvn", "-B", "-q", "test");
      return Optional.of(new BuildTool("maven", cmd, List.of("target/surefire-reports")));
    }
    if (ws.exists("build.gradle") || ws.exists("build.gradle.kts")) {
      List<String> cmd = ws.exists("gradlew") ? List.of("gradlew", "test", "--console=plain")
          : List.of("gradle", "test", "--console=plain");
      return Optional.of(new BuildTool("gradle", cmd, List.of("build/test-results/test")));
    }
    if (ws.exists("package.json")) {
      return Optional.of(new BuildTool("npm", List.of("npm", "test", "--silent"), List.of()));
    }
    if (ws.exists("pytest.ini") || ws.exists("pyproject.toml") || ws.exists("setup.cfg") || ws.exists("tox.ini")
        || ws.exists("tests")) {
      return Optional.of(new BuildTool("pytest", List.of("pytest", "-q", "--junitxml=.nootropic/pytest.xml"),
          List.of(".nootropic")));
    }
    return Optional.empty();
  }

  /// The test command narrowed to `failing` tests (`className#name`), for a fast first check
  /// before the whole suite: Maven's `-Dtest=`, Gradle's `--tests`; empty for builds that cannot
  /// select tests or when there is nothing to select.
  public Optional<List<String>> targeted(List<String> failing) {
    if (failing.isEmpty()) {
      return Optional.empty();
    }
    List<String> cmd = new java.util.ArrayList<>(testCommand);
    switch (name) {
      case "maven" -> {
        cmd.add("-Dtest=" + String.join(",", failing.stream().map(BuildTool::bare).toList()));
        cmd.add("-Dsurefire.failIfNoSpecifiedTests=false");
      }
      case "gradle" -> failing.forEach(t -> {
        cmd.add("--tests");
        cmd.add(bare(t).replace('#', '.'));
      });
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(List.copyOf(cmd));
  }

  private static String bare(String id) {
    String s = id.endsWith("()") ? id.substring(0, id.length() - 2) : id;
    int paren = s.indexOf('(');
    return paren > 0 ? s.substring(0, paren) : s;
  }

  /// The program the test command starts.
  public String program() {
    return testCommand.getFirst();
  }
}
