package io.nootropic.runtime.registry;

import io.nootropic.api.LoadProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.Stability;
import io.nootropic.runtime.registry.CapabilityRegistryTest.Fixed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrySnapshotTest {

  @TempDir Path tmp;

  private static final List<Fixed> CAPS = List.of(
      new Fixed(CapabilityDescriptor.builder("zeta.tool", CapabilityKind.TOOL).version("0.3.0")
          .summary("Last by name.").description("Longer *text*.").tags("z", "tools")
          .inputSchema("{\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"string\"}}, \"required\": [\"q\"]}")
          .outputSchema("{\"type\":\"string\"}").stability(Stability.BETA).build()),
      new Fixed(CapabilityDescriptor.builder("alpha", CapabilityKind.AGENT).version("1.0.0-rc.1")
          .summary("First by name.").build()),
      new Fixed(CapabilityDescriptor.builder("mid.model", CapabilityKind.MODEL_PROVIDER).version("2.0.0")
          .summary("In the middle.").stability(Stability.STABLE).build()));

  private static CapabilityRegistry registry(List<Fixed> order) {
    CapabilityRegistry r = CapabilityRegistry.create();
    order.forEach(r::register);
    return r;
  }

  @Test
  void exportHasAFormatVersionAndCapabilitiesOrderedByName() throws IOException {
    Path file = registry(CAPS).exportJson(tmp.resolve(".nootropic-cache/describe-registry.json"));

    JsonNode root = new ObjectMapper().readTree(file.toFile());
    assertThat(root.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(root.get("capabilities")).extracting(n -> n.get("name").asText())
        .containsExactly("alpha", "mid.model", "zeta.tool");
    JsonNode zeta = root.get("capabilities").get(2);
    assertThat(zeta.get("kind").asText()).isEqualTo("tool");
    assertThat(zeta.get("stability").asText()).isEqualTo("beta");
    assertThat(zeta.get("origin").asText()).isEqualTo("host");
    assertThat(zeta.get("inputSchema").get("required").get(0).asText()).isEqualTo("q");
    assertThat(root.get("problems")).isEmpty();
  }

  @Test
  void exportIsIdenticalWhateverTheRegistrationOrder() {
    assertThat(registry(CAPS).toJson()).isEqualTo(registry(CAPS.reversed()).toJson());
  }

  @Test
  void aReloadedSnapshotHasTheSameCapabilitiesAndExportsTheSameText() throws IOException {
    CapabilityRegistry original = registry(CAPS);
    Path file = original.exportJson(tmp.resolve("reg.json"));

    CapabilityRegistry reloaded = CapabilityRegistry.readJson(file);

    assertThat(reloaded.names()).isEqualTo(original.names());
    Capability zeta = reloaded.get("zeta.tool");
    CapabilityDescriptor d = zeta.descriptor();
    CapabilityDescriptor o = original.get("zeta.tool").descriptor();
    assertThat(List.of(d.name(), d.kind(), d.version(), d.summary(), d.description(), d.tags(), d.stability()))
        .isEqualTo(List.of(o.name(), o.kind(), o.version(), o.summary(), o.description(), o.tags(), o.stability()));
    assertThat(new ObjectMapper().readTree(d.inputSchema().json()))
        .isEqualTo(new ObjectMapper().readTree(o.inputSchema().json()));
    assertThat(zeta.instance()).isEmpty();
    assertThat(zeta.origin()).isEqualTo(CapabilityOrigin.HOST);
    assertThatThrownBy(() -> reloaded.get("zeta.tool", Object.class)).isInstanceOf(CapabilityTypeException.class)
        .hasMessageContaining("snapshot");
    assertThat(reloaded.toJson()).isEqualTo(original.toJson());
    assertThat(reloaded.query(RegistryQuery.text("middle"))).extracting(m -> m.capability().name()).containsExactly("mid.model");
  }

  @Test
  void problemsAreExportedAndReloaded() {
    String json = """
        {"formatVersion":1,"capabilities":[],
         "problems":[{"provider":"x.Y","kind":"timed-out","message":"x.Y hung"}]}""";
    CapabilityRegistry r = CapabilityRegistry.fromJson(json, "inline");
    assertThat(r.problems()).containsExactly(new LoadProblem("x.Y", LoadProblem.Kind.TIMED_OUT, "x.Y hung"));
    assertThat(CapabilityRegistry.fromJson(r.toJson(), "again").problems()).isEqualTo(r.problems());
  }

  @Test
  void exportReplacesAnExistingFile() throws IOException {
    Path file = tmp.resolve("reg.json");
    Files.writeString(file, "old");
    registry(CAPS).exportJson(file);
    assertThat(Files.readString(file)).startsWith("{").contains("\"formatVersion\" : 1");
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("reg.json"); // no temp files left
    }
  }

  @Test
  void badSnapshotsGiveTypedErrorsNamingTheFileAndProblem() throws IOException {
    assertThatThrownBy(() -> CapabilityRegistry.fromJson("{not json", "a.json"))
        .isInstanceOf(RegistryFormatException.class).hasMessageStartingWith("a.json is not valid JSON");
    assertThatThrownBy(() -> CapabilityRegistry.fromJson("[]", "a.json"))
        .isInstanceOf(RegistryFormatException.class).hasMessageContaining("top level");
    assertThatThrownBy(() -> CapabilityRegistry.fromJson("{\"capabilities\":[]}", "a.json"))
        .isInstanceOf(RegistryFormatException.class).hasMessageContaining("formatVersion");
    assertThatThrownBy(() -> CapabilityRegistry.fromJson("{\"formatVersion\":99,\"capabilities\":[]}", "a.json"))
        .isInstanceOf(RegistryFormatException.class).hasMessageContaining("unsupported formatVersion 99");
    assertThatThrownBy(() -> CapabilityRegistry.fromJson(
            "{\"formatVersion\":1,\"capabilities\":[{\"kind\":\"agent\",\"version\":\"1.0.0\"}]}", "a.json"))
        .isInstanceOf(RegistryFormatException.class).hasMessageContaining("a.json capabilities[0]: missing or non-string 'name'");
    assertThatThrownBy(() -> CapabilityRegistry.fromJson(
            "{\"formatVersion\":1,\"capabilities\":[{\"name\":\"x\",\"kind\":\"wizard\",\"version\":\"1.0.0\"}]}", "a.json"))
        .isInstanceOf(RegistryFormatException.class).hasMessageContaining("unknown capability kind 'wizard'");
    assertThatThrownBy(() -> CapabilityRegistry.fromJson(
            "{\"formatVersion\":1,\"capabilities\":[{\"name\":\"Bad\",\"kind\":\"agent\",\"version\":\"1.0.0\",\"summary\":\"s\","
                + "\"provider\":\"p\",\"origin\":\"host\"}]}", "a.json"))
        .isInstanceOf(RegistryFormatException.class).hasMessageContaining("name 'Bad'");
    String one = "{\"name\":\"x\",\"kind\":\"agent\",\"version\":\"1.0.0\",\"summary\":\"s\",\"provider\":\"p\",\"origin\":\"host\"}";
    assertThatThrownBy(() -> CapabilityRegistry.fromJson(
            "{\"formatVersion\":1,\"capabilities\":[" + one + "," + one + "]}", "a.json"))
        .isInstanceOf(RegistryFormatException.class).hasMessageContaining("appears twice");
    Path missing = tmp.resolve("missing.json");
    assertThatThrownBy(() -> CapabilityRegistry.readJson(missing)).isInstanceOf(IOException.class);
  }
}
