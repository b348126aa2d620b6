package io.nootropic.cli.inference;

import io.nootropic.cli.Cli;
import static io.nootropic.cli.Cli.model;
import static io.nootropic.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.cli.Cli.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.inference.gguf.GgmlType;
import io.nootropic.inference.gguf.GgufWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `nootropic inspect` on a real model, a written file and broken files.
class InspectCommandTest {

  @TempDir
  Path dir;

  @Test
  void jsonOfStories260k() throws Exception {
    Result r = run("inspect", model("stories260K.gguf").toString(), "--json", "--tensors");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.get("version").asInt()).isEqualTo(3);
    assertThat(root.get("size").asLong()).isEqualTo(1_185_376L);
    assertThat(root.at("/metadata/general.architecture/value").asText()).isEqualTo("llama");
    assertThat(root.at("/metadata/llama.block_count/value").asInt()).isEqualTo(5);
    JsonNode tokens = root.at("/metadata/tokenizer.ggml.tokens");
    assertThat(tokens.get("elementType").asText()).isEqualTo("STRING");
    assertThat(tokens.get("length").asInt()).isEqualTo(512);
    assertThat(tokens.get("values")).hasSize(8);
    assertThat(tokens.get("truncated").asBoolean()).isTrue();
    assertThat(root.get("tensorCount").asInt()).isEqualTo(root.get("tensors").size());
    assertThat(root.at("/tensorTypes/F32").asInt()).isEqualTo(root.get("tensorCount").asInt());
    JsonNode embd = null;
    for (JsonNode t : root.get("tensors")) {
      if (t.get("name").asText().equals("token_embd.weight")) {
        embd = t;
      }
    }
    assertThat(embd).isNotNull();
    assertThat(embd.get("shape").toString()).isEqualTo("[64,512]");
    assertThat(embd.get("bytes").asLong()).isEqualTo(64L * 512 * 4);
  }

  @Test
  void textShowsMetadataAndTheTensorTable() throws Exception {
    Path p = dir.resolve("small.gguf");
    GgufWriter.create().put("general.architecture", "llama")
        .put("tokenizer.chat_template", "{{ x }}\nline two")
        .putUint64("big", -1L)
        .put("tokenizer.ggml.tokens", new String[] {"a", "b", "c", "d", "e"})
        .addTensor("w", GgmlType.Q8_0, new long[] {32, 3}, new byte[3 * 34])
        .write(p);
    Result r = run("inspect", p.toString(), "--tensors", "--array-limit", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("metadata (4 keys):")
        .contains("\"{{ x }}\\nline two\"")
        .contains("18446744073709551615")
        .contains("ARRAY<STRING>[5]")
        .contains("[\"a\", \"b\", ... 3 more]")
        .contains("tensors:   1 (Q8_0 1), 102 bytes")
        .containsPattern("w\\s+Q8_0\\s+32 x 3\\s+0\\s+102");
  }

  @Test
  void badFilesGiveATypedOneLineErrorAndExitCode1() throws Exception {
    Path bad = Files.write(dir.resolve("bad.gguf"), "GGUF\u0003\0\0\0garbage".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Result r = run("inspect", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: invalid GGUF [truncated-header]").contains("bad.gguf");
    assertThat(r.err()).doesNotContain("\tat ").hasLineCount(1);

    Path notGguf = Files.writeString(dir.resolve("x.gguf"), "hello world, not a model at all");
    Result r2 = run("inspect", notGguf.toString(), "--json");
    assertThat(r2.code()).isEqualTo(1);
    assertThat(r2.err()).contains("[bad-magic]").contains("at byte 0");
    assertThat(r2.out()).isEmpty();

    Result r3 = run("inspect", dir.resolve("missing.gguf").toString());
    assertThat(r3.code()).isEqualTo(1);
    assertThat(r3.err()).startsWith("error: ").contains("missing.gguf");
  }
}
