package io.nootropic.cli.registry;

import io.nootropic.cli.NootropicCli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.Describable;
import io.nootropic.api.Stability;
import io.nootropic.runtime.registry.CapabilityRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/// The registry commands against a registry built by the test, with captured output.
class RegistryCommandsTest {

  @TempDir Path tmp;

  record Fixed(CapabilityDescriptor descriptor) implements Describable {
    @Override
    public CapabilityDescriptor describe() {
      return descriptor;
    }
  }

  static CapabilityRegistry registry() {
    CapabilityRegistry r = CapabilityRegistry.create();
    r.register(new Fixed(CapabilityDescriptor.builder("demo.planner", CapabilityKind.AGENT).version("1.2.0")
        .summary("Breaks a goal into tasks.").description("Plans *carefully*.").tags("planning", "tasks")
        .inputSchema("{\"type\":\"object\",\"properties\":{\"goal\":{\"type\":\"string\"}},\"required\":[\"goal\"]}")
        .stability(Stability.BETA).build()));
    r.register(new Fixed(CapabilityDescriptor.builder("demo.clock", CapabilityKind.TOOL).version("0.1.0")
        .summary("Tells the time.").tags("time").build()));
    r.register(new Fixed(CapabilityDescriptor.builder("demo.model", CapabilityKind.MODEL_PROVIDER).version("3.0.0")
        .summary("A model for tasks.").tags("tasks").stability(Stability.STABLE).build()));
    return r;
  }

  /// Output of one run.
  record Run(int exit, String out, String err) {}

  static Run run(Supplier<CapabilityRegistry> registry, String... args) {
    CommandLine cl = NootropicCli.commandLine(new NootropicCli(registry));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static Run run(String... args) {
    return run(RegistryCommandsTest::registry, args);
  }

  @Test
  void listShowsATableOrderedByName() {
    Run r = run("list-capabilities");
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().toList()).hasSize(4);
    assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("KIND", "VERSION", "STABILITY", "SUMMARY");
    assertThat(r.out()).containsSubsequence("demo.clock", "demo.model", "demo.planner");
    assertThat(r.out()).contains("demo.planner  agent", "1.2.0", "beta", "Breaks a goal into tasks.");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void listJsonIsTheSnapshotFormat() throws IOException {
    Run r = run("list-capabilities", "--json");
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(root.get("capabilities")).extracting(n -> n.get("name").asText())
        .containsExactly("demo.clock", "demo.model", "demo.planner");
    assertThat(root.get("capabilities").get(2).get("inputSchema").get("required").get(0).asText()).isEqualTo("goal");
    assertThat(root.get("problems")).isEmpty();
  }

  @Test
  void listYamlHoldsTheSameDocument() throws IOException {
    JsonNode json = new ObjectMapper().readTree(run("list-capabilities", "--json").out());
    JsonNode yaml = new YAMLMapper().readTree(run("list-capabilities", "--yaml").out());
    assertThat(yaml).isEqualTo(json);
  }

  @Test
  void jsonAndYamlCannotBeCombined() {
    Run r = run("list-capabilities", "--json", "--yaml");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("mutually exclusive");
  }

  @Test
  void listFiltersByKindAndTagAndRanksByQuery() throws IOException {
    ObjectMapper m = new ObjectMapper();
    assertThat(m.readTree(run("ls", "--json", "--kind", "model-provider").out()).get("capabilities"))
        .extracting(n -> n.get("name").asText()).containsExactly("demo.model");
    assertThat(m.readTree(run("ls", "--json", "--tag", "tasks").out()).get("capabilities"))
        .extracting(n -> n.get("name").asText()).containsExactly("demo.model", "demo.planner");
    // ranked: the planner has 'tasks' as a tag and 'tasks' in its summary; the model only as a tag + summary word
    Run ranked = run("ls", "-q", "goal");
    assertThat(ranked.out().lines().skip(1).map(l -> l.split("\\s+")[0]).toList()).containsExactly("demo.planner");
    Run none = run("ls", "-q", "nothing-like-this");
    assertThat(none.out()).contains("(no capability matches)");
  }

  @Test
  void anUnknownKindIsAUsageError() {
    Run r = run("list-capabilities", "--kind", "wizard");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown capability kind 'wizard'", "agent, adapter, utility, model-provider, tool");
  }

  @Test
  void skippedPluginsAreWarnedOnStderrAndListedInJson() throws IOException {
    Supplier<CapabilityRegistry> withProblem = () -> CapabilityRegistry.fromJson("""
        {"formatVersion":1,"capabilities":[],
         "problems":[{"provider":"com.acme.Broken","kind":"instantiation-failed","message":"com.acme.Broken failed: boom"}]}""",
        "test");
    Run r = run(withProblem, "list-capabilities", "--json");
    assertThat(r.exit()).isZero();
    assertThat(r.err()).contains("warning: plugin skipped (instantiation-failed): com.acme.Broken failed: boom");
    assertThat(new ObjectMapper().readTree(r.out()).get("problems").get(0).get("provider").asText()).isEqualTo("com.acme.Broken");
    assertThat(run(withProblem, "guide").out()).contains("Skipped plugins (1):", "com.acme.Broken: instantiation-failed");
  }

  @Test
  void describeShowsEverythingAboutOneCapability() {
    Run r = run("describe", "demo.planner");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("# `demo.planner`", "Breaks a goal into tasks.", "| Kind | agent |", "| Version | 1.2.0 |",
        "| Stability | beta |", "`planning`, `tasks`", "Plans *carefully*.", "\"required\" : [",
        "registry.get(\"demo.planner\"", "Origin: host");
    assertThat(r.out()).doesNotContain("<!--");
  }

  @Test
  void describeJsonIsOneSnapshotEntry() throws IOException {
    JsonNode n = new ObjectMapper().readTree(run("describe", "demo.clock", "--json").out());
    assertThat(n.get("name").asText()).isEqualTo("demo.clock");
    assertThat(n.get("kind").asText()).isEqualTo("tool");
    assertThat(n.get("tags").get(0).asText()).isEqualTo("time");
  }

  @Test
  void describeAnUnknownNameFailsWithSuggestions() {
    Run r = run("describe", "demo.planer");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: unknown capability 'demo.planer'; did you mean demo.planner?" + System.lineSeparator());
    assertThat(r.out()).isEmpty();
  }

  @Test
  void describeHelpListsTheInstalledNames() {
    Run r = run("describe", "--help");
    assertThat(r.out()).contains("The capability, one of: demo.clock, demo.model, demo.planner.");
  }

  @Test
  void guideIsGeneratedFromTheRegistryAndTheCommands() {
    Run r = run("guide");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("3 capabilities installed (1 agent, 1 model provider, 1 tool).",
        "Agents:", "demo.planner  Breaks a goal into tasks.", "Tools:", "demo.clock  Tells the time.",
        "Model providers:", "./nootropic describe demo.planner",
        "registry.get(\"demo.planner\", Agent.class)");
    assertThat(r.out()).contains("  list-capabilities  Lists the capabilities", "  describe", "  docs", "  completion");
    assertThat(r.out()).doesNotContain("%n", "Skipped plugins");
  }

  @Test
  void rootHelpEndsWithARegistrySummary() {
    Run r = run("--help");
    assertThat(r.out()).contains("list-capabilities", "describe", "guide", "docs", "completion",
        "3 capabilities installed (1 agent, 1 model provider, 1 tool). Run 'nootropic guide'");
  }

  @Test
  void completionScriptCompletesCommandsKindsAndCapabilityNames() {
    Run r = run("completion");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("list-capabilities", "describe", "guide")
        .contains("(\"demo.clock\" \"demo.model\" \"demo.planner\")")
        .contains("(\"agent\" \"adapter\" \"utility\" \"model-provider\" \"tool\")");
  }

  @Test
  void docsWritesPagesAndCheckDetectsStaleness() throws IOException {
    Path dir = tmp.resolve("docs");
    Run write = run("docs", "--out", dir.toString());
    assertThat(write.exit()).isZero();
    assertThat(write.out()).contains("wrote 4 files");
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("README.md", "demo.clock.md", "demo.model.md", "demo.planner.md");
    }
    assertThat(run("docs", "--check", "--out", dir.toString()).exit()).isZero();

    Files.writeString(dir.resolve("demo.clock.md"), "edited by hand\n");
    Run check = run("docs", "--check", "--out", dir.toString());
    assertThat(check.exit()).isEqualTo(1);
    assertThat(check.err()).contains("docs are stale, run ./nootropic docs", "demo.clock.md");
  }

  @Test
  void exportRegistryWritesASnapshotThatListCanReadBack() throws IOException {
    Path file = tmp.resolve("cache/describe-registry.json");
    Run export = run("export-registry", "--out", file.toString());
    assertThat(export.exit()).isZero();
    assertThat(Files.readString(file)).isEqualTo(registry().toJson());

    Run fromSnapshot = run(() -> {
      throw new AssertionError("must not discover when reading a snapshot");
    }, "list-capabilities", "--snapshot", file.toString(), "--json");
    assertThat(fromSnapshot.exit()).isZero();
    assertThat(fromSnapshot.out()).isEqualTo(registry().toJson());
  }

  @Test
  void aCorruptSnapshotIsReportedAsAnError() throws IOException {
    Path file = tmp.resolve("bad.json");
    Files.writeString(file, "{\"formatVersion\": 7, \"capabilities\": []}");
    Run r = run("list-capabilities", "--snapshot", file.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("error:", "unsupported formatVersion 7");
  }

  @Test
  void versionNamesNootropicAndJava() {
    Run r = run("--version");
    assertThat(r.out()).startsWith("nootropic ").contains("Java 25");
    assertThat(r.out()).doesNotContain("${project.version}", "unknown");
  }

  @Test
  void aMissingPluginDirectoryIsATypedError() {
    CommandLine cl = NootropicCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    Path missing = tmp.resolve("no-such-dir");
    int exit = cl.execute("--plugin-dir", missing.toString(), "list-capabilities");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("error: plugin directory " + missing + " does not exist");
    assertThat(out.toString()).isEmpty();
  }
}
