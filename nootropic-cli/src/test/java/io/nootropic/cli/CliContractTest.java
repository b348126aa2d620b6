package io.nootropic.cli;

import static io.nootropic.cli.Cli.model;
import static io.nootropic.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.cli.Cli.Result;
import io.nootropic.cli.common.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/// The front door's contract: one flag vocabulary, reports on standard error, usage errors for
/// unknown commands, output paths that never replace a link or a device, progress that suits
/// where standard error goes. Each test here failed on the CLI before the restructuring issue.
class CliContractTest {

  @TempDir
  Path dir;

  @Test
  void anUnknownCommandIsAUsageErrorWhateverFlagsFollowIt() {
    for (String[] args : List.of(new String[] {"NOSUCH", "--help"}, new String[] {"NOSUCH"}, new String[] {"NOSUCH", "-V"})) {
      Result r = run(args);
      assertThat(r.code()).as("%s: %s", List.of(args), r.err()).isEqualTo(2);
      assertThat(r.err()).contains("NOSUCH");
      assertThat(r.out()).doesNotContain("Usage: nootropic [");
    }
    assertThat(run("--help").code()).isZero();
  }

  @Test
  void aMissingModelSaysNoSuchFile() {
    Path missing = dir.resolve("nope.gguf");
    for (String command : List.of("generate", "chat", "bench", "inspect")) {
      Result r = switch (command) {
        case "inspect" -> run(command, missing.toString());
        case "generate" -> run(command, "-m", missing.toString(), "-p", "x");
        default -> run(command, "-m", missing.toString());
      };
      assertThat(r.code()).as(command + ": " + r.err()).isNotZero();
      assertThat(r.err()).as(command).contains("no such file").contains(missing.toString())
          .doesNotContain(missing + ": " + missing);
    }
  }

  @Test
  void generateDoesNotRouteAndSaysWhereRoutingWent() {
    Result r = run("generate", "-m", model("stories260K.gguf").toString(), "-p", "x", "--route", "local-first");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nootropic route -m");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void generateChatAndRouteShareOneFlagVocabulary() {
    CommandLine cli = NootropicCli.commandLine();
    Set<String> generate = optionNames(cli.getSubcommands().get("generate"));
    Set<String> generation = Set.of("-n", "--n-predict", "--max-tokens", "--temp", "--temperature", "--top-k", "--top-p",
        "--min-p", "--repeat-penalty", "--presence-penalty", "-s", "--seed", "--stop", "-c", "--ctx-size", "-m", "--model");
    assertThat(generate).containsAll(generation);
    assertThat(optionNames(cli.getSubcommands().get("chat"))).containsAll(generation);
    assertThat(optionNames(cli.getSubcommands().get("route"))).containsAll(generation).contains("-p", "--prompt");
    assertThat(optionNames(cli.getSubcommands().get("route"))).doesNotContain("--local");
  }

  private static Set<String> optionNames(CommandLine cmd) {
    return cmd.getCommandSpec().options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).collect(Collectors.toSet());
  }

  @Test
  void routeHonoursTheGenerationFlagsAndReportsOnStandardError() {
    String file = model("stories260K.gguf").toString();
    Result full = run("route", "-m", file, "--temp", "0", "-n", "24", "-p", "Once upon a time");
    assertThat(full.code()).as(full.err()).isZero();
    String text = full.out().strip();
    assertThat(text).isNotEmpty().doesNotContain("routing:", "attempts:", "usage:", "spans:");
    assertThat(full.err()).contains("routing:", "usage:", "24 output tokens");
    // --stop reaches the model: the same greedy answer, cut before a word from its middle
    String[] words = text.split("\\s+");
    String stopAt = words[words.length / 2];
    Result stopped = run("route", "-m", file, "--temp", "0", "-n", "24", "--stop", stopAt, "-p", "Once upon a time");
    assertThat(stopped.out().strip()).isEqualTo(text.substring(0, text.indexOf(stopAt)).strip());
    Result quiet = run("route", "-m", file, "--temp", "0", "-n", "4", "--quiet", "-p", "Once upon a time");
    assertThat(quiet.err()).doesNotContain("routing:");
  }

  @Test
  void exportRegistryToStandardOutputAndThroughASymlinkWithTheUmasksPermissions() throws Exception {
    Result stdout = run("export-registry", "-o", "-");
    assertThat(stdout.code()).as(stdout.err()).isZero();
    assertThat(new ObjectMapper().readTree(stdout.out()).get("formatVersion").asInt()).isEqualTo(1);

    Path real = dir.resolve("real.json");
    Files.writeString(real, "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
    assertThat(run("export-registry", "-o", link.toString()).code()).isZero();
    assertThat(Files.isSymbolicLink(link)).as("the link survives").isTrue();
    assertThat(Files.readString(real)).contains("\"formatVersion\"");

    Path fresh = dir.resolve("fresh.json");
    assertThat(run("export-registry", "-o", fresh.toString()).code()).isZero();
    assertThat(Files.getPosixFilePermissions(fresh)).as("not a private temporary file's 0600")
        .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)
        .isNotEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
  }

  @Test
  void progressRewritesALineOnlyOnATerminal() {
    StringWriter plain = new StringWriter();
    Progress p = new Progress(new PrintWriter(plain), false, false);
    for (int i = 0; i < 200; i++) {
      p.update("step " + i);
    }
    p.done();
    assertThat(plain.toString()).doesNotContain("\r");
    assertThat(plain.toString().lines()).hasSizeLessThanOrEqualTo(2).first().isEqualTo("step 0");

    StringWriter tty = new StringWriter();
    Progress t = new Progress(new PrintWriter(tty), false, true);
    t.update("step 0");
    t.done();
    assertThat(tty.toString()).startsWith("\rstep 0");

    StringWriter quiet = new StringWriter();
    new Progress(new PrintWriter(quiet), true, true).update("x");
    assertThat(quiet.toString()).isEmpty();
  }

  @Test
  void synthPrintsAFewLinesNotOnePerTensorWhenStandardErrorIsNotATerminal() {
    Path out = dir.resolve("tiny.gguf");
    Result r = run("synth", "--shape", "tiny", "--type", "q8_0", "--vocab", model("vocab/rebuilt-llama3-bpe.gguf").toString(),
        "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("\r");
    assertThat(r.err().lines().count()).isLessThan(5);
    Result quiet = run("synth", "--quiet", "--shape", "tiny", "--type", "q8_0", "--vocab",
        model("vocab/rebuilt-llama3-bpe.gguf").toString(), "--out", out.toString());
    assertThat(quiet.err()).isEmpty();
  }
}
