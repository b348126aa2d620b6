package io.nootropic.cli;

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

  /// Runs `java <launch...> list-capabilities --json` and returns the capability names.
  private static List<String> names(List<String> launch) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xshare:auto"));
    cmd.addAll(launch);
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
    JsonNode root = new ObjectMapper().readTree(out);
    List<String> names = new ArrayList<>();
    root.get("capabilities").forEach(n -> names.add(n.get("name").asText()));
    return names;
  }

  private static List<String> classPath(boolean withPlugin) {
    return List.of("-cp", String.join(File.pathSeparator, path(withPlugin)), NootropicCli.class.getName());
  }

  private static List<String> modulePath(boolean withPlugin) {
    return List.of("--module-path", String.join(File.pathSeparator, path(withPlugin)),
        "-m", "io.nootropic.cli/" + NootropicCli.class.getName());
  }

  @Test
  void onTheClassPathThePluginIsListedAndRemovingItRemovesIt() throws Exception {
    List<String> with = names(classPath(true));
    List<String> without = names(classPath(false));

    assertThat(with).contains(HelloAgent.NAME);
    assertThat(without).doesNotContain(HelloAgent.NAME);
    assertThat(with).containsAll(without).hasSize(without.size() + 1);
  }

  @Test
  void onTheModulePathThePluginIsListedAndRemovingItRemovesIt() throws Exception {
    List<String> with = names(modulePath(true));
    List<String> without = names(modulePath(false));

    assertThat(with).contains(HelloAgent.NAME);
    assertThat(without).doesNotContain(HelloAgent.NAME);
    assertThat(with).containsAll(without).hasSize(without.size() + 1);
    // the built-ins are the same on both paths
    assertThat(without).isEqualTo(names(classPath(false)));
  }
}
