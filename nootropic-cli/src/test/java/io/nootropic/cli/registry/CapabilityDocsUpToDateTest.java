package io.nootropic.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.example.hello.HelloAgent;
import io.nootropic.runtime.registry.CapabilityDocs;
import io.nootropic.runtime.registry.CapabilityRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The committed `docs/capabilities` must equal what the registry generates now. This test sees
/// every built-in module and the example plugin, like `./nootropic docs` does.
class CapabilityDocsUpToDateTest {

  @TempDir Path tmp;

  static Path committedDocs() {
    String root = System.getProperty("nootropic.root");
    Path base = root == null ? Path.of("").toAbsolutePath().getParent().getParent() : Path.of(root);
    return base.resolve(DocsCommand.DEFAULT_DIR);
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().toList();
    }
  }

  @Test
  void everyBuiltInCapabilityAndThePluginLoadWithoutProblems() {
    CapabilityRegistry registry = CapabilityRegistry.discover();
    assertThat(registry.problems()).as("plugins skipped during discovery").isEmpty();
    assertThat(registry.names()).contains(HelloAgent.NAME);
  }

  @Test
  void committedDocsMatchTheRegistry() throws IOException {
    CapabilityRegistry registry = CapabilityRegistry.discover();
    Path generated = tmp.resolve("capabilities");
    CapabilityDocs.write(registry.list(), generated);
    Path committed = committedDocs();

    List<String> stale = CapabilityDocs.staleFiles(registry.list(), committed);
    assertThat(stale)
        .as("docs are stale, run ./nootropic docs (then commit docs/capabilities); files that differ in %s", committed)
        .isEmpty();
    assertThat(fileNames(committed)).as("docs are stale, run ./nootropic docs").isEqualTo(fileNames(generated));
    for (String name : fileNames(generated)) {
      assertThat(Files.readString(committed.resolve(name)))
          .as("docs are stale, run ./nootropic docs: %s differs", name)
          .isEqualTo(Files.readString(generated.resolve(name)));
    }
  }
}
