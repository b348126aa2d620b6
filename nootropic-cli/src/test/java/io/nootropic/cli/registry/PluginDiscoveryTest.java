package io.nootropic.cli.registry;

import io.nootropic.cli.NootropicCli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.example.hello.HelloAgent;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/// The example plugin is discovered on the class path and on the module path, and removing its
/// jar removes the capability. Each case launches a fresh JVM running the real CLI
/// (`list-capabilities --json`) with exactly the CLI's runtime path, plus or minus the plugin.
class PluginDiscoveryTest {

  private static List<String> runtimePath;
  private static String plugin;

  @BeforeAll
  static void paths() throws Exception {
    Path target = Path.of(NootropicCli.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    Path cp = target.resolve("runtime-classpath.txt");
    assertThat(cp).as("written by maven-dependency-plugin:build-classpath").exists();
    List<String> entries = new ArrayList<>();
    entries.add(Path.of(NootropicCli.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    String text = Files.readString(cp, StandardCharsets.UTF_8).strip();
    if (!text.isEmpty()) {
      entries.addAll(Arrays.asList(text.split(File.pathSeparator)));
    }
    runtimePath = List.copyOf(entries);
    plugin = Path.of(HelloAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    assertThat(runtimePath).noneMatch(e -> e.equals(plugin)).as("the plugin is a test dependency only");
  }

  private static List<String> path(boolean withPlugin) {
    List<String> p = new ArrayList<>(runtimePath);
    if (withPlugin) {
      p.add(plugin);
    }
    return p;
  }

  /// Runs `java <launch...> [extra...] list-capabilities --json` and returns the JSON document.
  private static JsonNode listing(List<String> launch, String... extra) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xshare:auto"));
    // a cold JVM on a loaded machine: a good plugin must not be skipped for missing the 2 s budget
    cmd.add("-Dnootropic.registry.loadBudget=PT30S");
    cmd.addAll(launch);
    cmd.addAll(List.of(extra));
    cmd.addAll(List.of("list-capabilities", "--json"));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
    byte[] out;
    byte[] err;
    try (var o = p.getInputStream(); var e = p.getErrorStream()) {
      var errFuture = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return e.readAllBytes();
        } catch (IOException ex) {
          return new byte[0];
        }
      });
      out = o.readAllBytes();
      err = errFuture.join();
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stderr = new String(err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("exit code; stderr:%n%s", stderr).isZero();
    assertThat(stderr).as("no plugin may be skipped").doesNotContain("plugin skipped");
    return new ObjectMapper().readTree(out);
  }

  private static List<String> names(List<String> launch, String... extra) throws IOException, InterruptedException {
    List<String> names = new ArrayList<>();
    listing(launch, extra).get("capabilities").forEach(n -> names.add(n.get("name").asText()));
    return names;
  }

  private static String originOf(JsonNode listing, String name) {
    for (JsonNode n : listing.get("capabilities")) {
      if (n.get("name").asText().equals(name)) {
        return n.get("origin").asText();
      }
    }
    return null;
  }

  /// A directory holding the plugin as a jar (packed here when the build gave a classes directory).
  private static Path pluginDirectory() throws IOException {
    Path dir = Files.createTempDirectory("nootropic-plugins");
    Path jar = dir.resolve("plugin-hello.jar");
    Path source = Path.of(plugin);
    if (Files.isRegularFile(source)) {
      Files.copy(source, jar);
    } else {
      try (var out = Files.newOutputStream(jar); var j = new java.util.jar.JarOutputStream(out);
          var files = Files.walk(source)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          j.putNextEntry(new java.util.jar.JarEntry(source.relativize(f).toString().replace('\\', '/')));
          j.write(Files.readAllBytes(f));
          j.closeEntry();
        }
      }
    }
    dir.toFile().deleteOnExit();
    jar.toFile().deleteOnExit();
    return dir;
  }

  private static List<String> classPath(boolean withPlugin) {
    return List.of("-cp", String.join(File.pathSeparator, path(withPlugin)), NootropicCli.class.getName());
  }

  private static List<String> modulePath(boolean withPlugin) {
    return List.of("--module-path", String.join(File.pathSeparator, path(withPlugin)),
        "-m", "io.nootropic.cli/" + NootropicCli.class.getName());
  }

  private static List<String> namesOf(JsonNode listing) {
    List<String> names = new ArrayList<>();
    listing.get("capabilities").forEach(n -> names.add(n.get("name").asText()));
    return names;
  }

  @Test
  void onTheClassPathThePluginIsListedAndRemovingItRemovesIt() throws Exception {
    JsonNode with = listing(classPath(true));
    List<String> without = names(classPath(false));

    assertThat(namesOf(with)).contains(HelloAgent.NAME).containsAll(without).hasSize(without.size() + 1);
    assertThat(without).doesNotContain(HelloAgent.NAME);
    assertThat(originOf(with, HelloAgent.NAME)).isEqualTo("class-path");

    // --plugin-dir on the class path: a class loader over the directory's jars
    JsonNode viaDirectory = listing(classPath(false), "--plugin-dir", pluginDirectory().toString());
    assertThat(originOf(viaDirectory, HelloAgent.NAME)).isEqualTo("class-path");
    assertThat(viaDirectory.get("capabilities")).hasSize(without.size() + 1);
  }

  @Test
  void onTheModulePathThePluginIsListedAndRemovingItRemovesIt() throws Exception {
    JsonNode with = listing(modulePath(true));
    List<String> without = names(modulePath(false));

    assertThat(namesOf(with)).contains(HelloAgent.NAME).containsAll(without).hasSize(without.size() + 1);
    assertThat(without).doesNotContain(HelloAgent.NAME);
    assertThat(originOf(with, HelloAgent.NAME)).isEqualTo("module");

    // --plugin-dir on the module path: the directory becomes a child ModuleLayer (discover(ModuleLayer))
    JsonNode viaLayer = listing(modulePath(false), "--plugin-dir", pluginDirectory().toString());
    assertThat(originOf(viaLayer, HelloAgent.NAME)).isEqualTo("module");
    assertThat(viaLayer.get("capabilities")).hasSize(without.size() + 1);
  }
}
