package io.nootropic.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.runtime.registry.CapabilityRegistryTest.Fixed;
import io.nootropic.runtime.registry.CapabilityRegistryTest.Shout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapabilityDocsTest {

  @TempDir Path tmp;

  private static CapabilityRegistry registry() {
    CapabilityRegistry r = CapabilityRegistry.create();
    r.register(new Shout());
    r.register(new Fixed(CapabilityDescriptor.builder("util.pipe", CapabilityKind.UTILITY).version("0.1.0")
        .summary("Has a | pipe.").description("Line one.\n\nLine two.").build()));
    return r;
  }

  @Test
  void rendersOnePagePerCapabilityAndAnIndexGroupedByKind() {
    SortedMap<String, String> files = CapabilityDocs.render(registry().list());

    assertThat(files.keySet()).containsExactly("README.md", "test.shout.md", "util.pipe.md");
    String index = files.get("README.md");
    assertThat(index).startsWith(CapabilityDocs.MARKER)
        .contains("## Agents", "[`test.shout`](test.shout.md)", "## Utilities", "Has a \\| pipe.");
    assertThat(index.indexOf("## Agents")).isLessThan(index.indexOf("## Utilities"));
    String shout = files.get("test.shout.md");
    assertThat(shout).contains("# `test.shout`", "| Kind | agent |", "| Version | 1.0.0 |", "| Stability | stable |",
        "| Provider | `" + Shout.class.getName() + "` |", "## Input", "\"type\" : \"string\"",
        "Agent<?, ?> capability = registry.get(\"test.shout\", Agent.class);",
        "./nootropic describe test.shout");
    assertThat(files.get("util.pipe.md")).contains("## Description\n\nLine one.\n\nLine two.\n", "Any JSON value.");
  }

  @Test
  void writtenDocsAreUpToDateUntilACapabilityChanges() throws IOException {
    CapabilityRegistry r = registry();
    CapabilityDocs.write(r.list(), tmp);
    assertThat(CapabilityDocs.staleFiles(r.list(), tmp)).isEmpty();

    CapabilityRegistry changed = CapabilityRegistry.create();
    changed.register(new Shout());
    changed.register(new Fixed(CapabilityDescriptor.builder("util.pipe", CapabilityKind.UTILITY).version("0.2.0")
        .summary("Has a | pipe.").build()));
    changed.register(new Fixed(CapabilityDescriptor.builder("new.one", CapabilityKind.TOOL).summary("New.").build()));
    assertThat(CapabilityDocs.staleFiles(changed.list(), tmp)).containsExactly("README.md", "new.one.md", "util.pipe.md");
  }

  @Test
  void rewritingDeletesPagesOfRemovedCapabilitiesButKeepsHandWrittenFiles() throws IOException {
    CapabilityDocs.write(registry().list(), tmp);
    Files.writeString(tmp.resolve("notes.md"), "# hand written\n");
    CapabilityRegistry smaller = CapabilityRegistry.create();
    smaller.register(new Shout());

    assertThat(CapabilityDocs.staleFiles(smaller.list(), tmp)).containsExactly("README.md", "util.pipe.md");
    CapabilityDocs.write(smaller.list(), tmp);

    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .isEqualTo(List.of("README.md", "notes.md", "test.shout.md"));
    }
    assertThat(CapabilityDocs.staleFiles(smaller.list(), tmp)).isEmpty();
  }

  @Test
  void outputDoesNotDependOnRegistrationOrder() {
    CapabilityRegistry a = registry();
    CapabilityRegistry b = CapabilityRegistry.create();
    b.register(new Fixed(CapabilityDescriptor.builder("util.pipe", CapabilityKind.UTILITY).version("0.1.0")
        .summary("Has a | pipe.").description("Line one.\n\nLine two.").build()));
    b.register(new Shout());
    assertThat(CapabilityDocs.render(b.list())).isEqualTo(CapabilityDocs.render(a.list()));
  }
}
