package io.nootropic.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/// Finds the real model files and tokenizer suites kept in `../shared/models` beside the
/// repository.
///
/// The folder comes from the system property `nootropic.models.dir` (the build sets it), else
/// `../shared/models` relative to the repository root (`nootropic.root`, else the working
/// directory and its parents). When the environment variable `CI` is `true`, a missing fixture
/// fails the test; elsewhere it skips it.
public final class SharedModels {

  private SharedModels() { }

  /// The models folder (which may not exist).
  public static Path dir() {
    String configured = System.getProperty("nootropic.models.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    String root = System.getProperty("nootropic.root");
    Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("nootropic-api"))) {
        return p.resolve("../shared/models").toAbsolutePath().normalize();
      }
    }
    return start.resolve("../shared/models").toAbsolutePath().normalize();
  }

  /// The file at `relative` inside the models folder; skips the test if it is missing, or fails it
  /// when `CI=true`.
  public static Path require(String relative) {
    Path file = dir().resolve(relative);
    if (!Files.isRegularFile(file)) {
      String message = "shared fixture missing: " + file
          + " (set -Dnootropic.models.dir or place ../shared/models beside the repository)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    return file;
  }
}
