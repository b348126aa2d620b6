package io.nootropic.cli.inference;

import io.nootropic.cli.NootropicCli;
import io.nootropic.cli.Cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/// `nootropic tokenize` on llama.cpp's Llama 2 vocabulary (ids as in llama.cpp's suite).
class TokenizeCommandTest {

  private static Path vocab(String name) {
    return Cli.model("vocab/" + name);
  }

  private static String run(String... args) {
    CommandLine cmd = NootropicCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void printsIdsAndPiecesAsJson() throws Exception {
    Path model = vocab("ggml-vocab-llama-spm.gguf");
    JsonNode root = new ObjectMapper().readTree(run("tokenize", "--model", model.toString(), "--json",
        "--add-special", "Hello world"));
    assertThat(root.get("model").asText()).isEqualTo("llama");
    assertThat(root.get("count").asInt()).isEqualTo(3);
    assertThat(root.get("ids").toString()).isEqualTo("[1,15043,3186]");
    assertThat(root.get("tokens").get(1).get("piece").asText()).isEqualTo("▁Hello");
    assertThat(root.get("tokens").get(2).get("text").asText()).isEqualTo(" world");
    assertThat(root.get("tokens").get(0).get("control").asBoolean()).isTrue();
  }

  @Test
  void parsesSpecialTokensOnlyWithTheFlag() {
    Path model = vocab("ggml-vocab-llama-spm.gguf");
    String with = run("tokenize", "--model", model.toString(), "--special", "<s>Hello");
    String without = run("tokenize", "--model", model.toString(), "<s>Hello");
    assertThat(with).startsWith("    1  <s>").contains("2 tokens");
    assertThat(without).doesNotStartWith("    1  <s>");
  }
}
