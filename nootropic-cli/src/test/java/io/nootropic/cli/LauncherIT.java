package io.nootropic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.api.Describable;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Drives the real `./nootropic` launcher (after `package`, without rebuilding) with plugin jars
/// compiled here: one that works and one whose constructor throws, dropped into a directory on
/// `$NOOTROPIC_PLUGIN_PATH`.
class LauncherIT {

  @TempDir static Path tmp;
  static Path pluginDir;

  static Path root() {
    String root = System.getProperty("nootropic.root");
    return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
  }

  /// Compiles two providers against the api and packs each into its own jar.
  @BeforeAll
  static void buildPluginJars() throws Exception {
    Path src = tmp.resolve("src/it/dropin");
    Files.createDirectories(src);
    Files.writeString(src.resolve("DropInTool.java"), """
        package it.dropin;
        import io.nootropic.api.*;
        public class DropInTool implements Describable {
          public CapabilityDescriptor describe() {
            return CapabilityDescriptor.builder("dropin.tool", CapabilityKind.TOOL).version("0.0.1")
                .summary("Dropped into a plugin directory.").build();
          }
        }
        """);
    Files.writeString(src.resolve("BrokenTool.java"), """
        package it.dropin;
        import io.nootropic.api.*;
        public class BrokenTool implements Describable {
          public BrokenTool() { throw new IllegalStateException("broken on purpose"); }
          public CapabilityDescriptor describe() { return null; }
        }
        """);
    Path classes = tmp.resolve("classes");
    Files.createDirectories(classes);
    String api = Path.of(Describable.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    Process javac = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "javac").toString(), "-d", classes.toString(), "-cp", api,
            src.resolve("DropInTool.java").toString(), src.resolve("BrokenTool.java").toString())
        .redirectErrorStream(true).start();
    String javacOutput = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(javac.waitFor()).as("javac: %s", javacOutput).isZero();
    pluginDir = tmp.resolve("plugins");
    Files.createDirectories(pluginDir);
    jar(pluginDir.resolve("dropin.jar"), classes, "it/dropin/DropInTool.class", "it.dropin.DropInTool");
    jar(pluginDir.resolve("broken.jar"), classes, "it/dropin/BrokenTool.class", "it.dropin.BrokenTool");
  }

  private static void jar(Path jar, Path classes, String classFile, String provider) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
      j.putNextEntry(new JarEntry(classFile));
      j.write(Files.readAllBytes(classes.resolve(classFile)));
      j.closeEntry();
      j.putNextEntry(new JarEntry("META-INF/services/io.nootropic.api.Describable"));
      j.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
  }

  /// Output of one launcher run.
  record Run(int exit, String out, String err) {}

  static Run launcher(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", root().resolve("nootropic").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    pb.environment().put("NOOTROPIC_NO_BUILD", "1");
    pb.environment().remove("NOOTROPIC_PLUGIN_PATH");
    // a cold JVM on a loaded machine: a good plugin must not be skipped for missing the 2 s budget
    pb.environment().put("NOOTROPIC_JAVA_OPTS", "-Dnootropic.registry.loadBudget=PT30S");
    pb.environment().putAll(env);
    Process p = pb.start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (IOException e) {
        return new byte[0];
      }
    });
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
  }

  static List<String> names(Run run) throws IOException {
    assertThat(run.exit()).as("exit code; stderr:%n%s", run.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    List<String> names = new ArrayList<>();
    root.get("capabilities").forEach(n -> names.add(n.get("name").asText()));
    return names;
  }

  @Test
  void theLauncherListsTheBuiltInsAndTheExamplePlugin() throws Exception {
    Run run = launcher(Map.of(), "list-capabilities", "--json");
    assertThat(names(run)).contains("plugin-hello.greeter").doesNotContain("dropin.tool");
    assertThat(run.err()).doesNotContain("plugin skipped");
  }

  @Test
  void jarsOnNootropicPluginPathAreLoadedAndABrokenOneIsReportedNotFatal() throws Exception {
    Run run = launcher(Map.of("NOOTROPIC_PLUGIN_PATH", pluginDir + File.pathSeparator + tmp.resolve("missing")),
        "list-capabilities", "--json");
    List<String> names = names(run);
    assertThat(names).contains("dropin.tool", "plugin-hello.greeter");
    assertThat(run.err()).contains("plugin skipped (instantiation-failed)", "it.dropin.BrokenTool", "broken on purpose");
    JsonNode problems = new ObjectMapper().readTree(run.out()).get("problems");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).get("provider").asText()).isEqualTo("it.dropin.BrokenTool");

    Run describe = launcher(Map.of("NOOTROPIC_PLUGIN_PATH", pluginDir.resolve("dropin.jar").toString()),
        "describe", "dropin.tool");
    assertThat(describe.exit()).isZero();
    assertThat(describe.out()).contains("# `dropin.tool`", "Dropped into a plugin directory.", "Origin: class-path (dropin.jar)");
  }
}
