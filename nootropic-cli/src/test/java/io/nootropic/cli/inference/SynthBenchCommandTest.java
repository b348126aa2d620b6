package io.nootropic.cli.inference;

import io.nootropic.cli.Cli;
import static io.nootropic.cli.Cli.model;
import static io.nootropic.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.cli.Cli.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nootropic.inference.gguf.GgmlType;
import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.gguf.GgufTensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `nootropic synth` writes a loadable model of the requested shape and type with the vocab's
/// tokenizer; `nootropic bench --json` measures it.
class SynthBenchCommandTest {

  @TempDir
  Path dir;

  @Test
  void synthTinyQ8_0ThenBenchJson() throws Exception {
    Path vocab = model("vocab/rebuilt-llama3-bpe.gguf");
    Path out = dir.resolve("tiny.gguf");
    Result s = run("synth", "--shape", "tiny", "--type", "q8_0", "--vocab", vocab.toString(), "--out", out.toString());
    assertThat(s.code()).as(s.err()).isZero();
    try (GgufFile f = GgufFile.open(out)) {
      assertThat(f.metadata().architecture()).isEqualTo("llama");
      assertThat(f.metadata().getLong("llama.block_count")).isEqualTo(4);
      assertThat(f.metadata().getString("tokenizer.ggml.pre")).isEqualTo("llama-bpe");
      assertThat(f.metadata().getStringArray("tokenizer.ggml.tokens")).hasSize(128256);
      GgufTensorInfo gate = f.tensor("blk.3.ffn_gate.weight").orElseThrow();
      assertThat(gate.type()).isEqualTo(GgmlType.Q8_0);
      assertThat(gate.shape()).containsExactly(256, 768);
      assertThat(f.tensor("output.weight")).isEmpty();       // tied, like Llama 3.2 1B
    }
    Result b = run("bench", "--model", out.toString(), "-p", "8", "-n", "4", "-r", "2", "-t", "1", "--json");
    assertThat(b.code()).as(b.err()).isZero();
    JsonNode arr = new ObjectMapper().readTree(b.out());
    assertThat(arr).hasSize(2);
    assertThat(arr.get(0).get("test").asText()).isEqualTo("pp8");
    assertThat(arr.get(1).get("test").asText()).isEqualTo("tg4");
    for (JsonNode r : arr) {
      assertThat(r.get("samples_ts")).hasSize(2);
      assertThat(r.get("median_ts").asDouble()).isPositive();
      assertThat(r.get("threads").asInt()).isEqualTo(1);
      assertThat(r.get("model").asText()).isEqualTo("llama 36M Q8_0");
    }
  }

  @Test
  void synthQ4_K_MMixesQ6_KLikeLlamaCpp() throws Exception {
    Path vocab = model("vocab/rebuilt-llama3-bpe.gguf");
    Path out = dir.resolve("tiny-q4km.gguf");
    Result s = run("synth", "--shape", "tiny", "--type", "q4_k_m", "--vocab", vocab.toString(), "--out", out.toString(),
        "--json");
    assertThat(s.code()).as(s.err()).isZero();
    assertThat(new ObjectMapper().readTree(s.out()).get("type").asText()).isEqualTo("Q4_K_M");
    try (GgufFile f = GgufFile.open(out)) {
      // the tied output matrix, and attn_v / ffn_down in the last eighth and every third layer
      assertThat(f.tensor("token_embd.weight").orElseThrow().type()).isEqualTo(GgmlType.Q6_K);
      for (int l = 0; l < 4; l++) {
        GgmlType want = l >= 2 ? GgmlType.Q6_K : GgmlType.Q4_K;
        assertThat(f.tensor("blk." + l + ".attn_v.weight").orElseThrow().type()).as("layer %d", l).isEqualTo(want);
        assertThat(f.tensor("blk." + l + ".ffn_down.weight").orElseThrow().type()).as("layer %d", l).isEqualTo(want);
        assertThat(f.tensor("blk." + l + ".attn_k.weight").orElseThrow().type()).isEqualTo(GgmlType.Q4_K);
        assertThat(f.tensor("blk." + l + ".ffn_up.weight").orElseThrow().type()).isEqualTo(GgmlType.Q4_K);
      }
    }
    Result b = run("bench", "--model", out.toString(), "-p", "4", "-n", "2", "-r", "1", "-t", "1", "--json");
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(new ObjectMapper().readTree(b.out()).get(0).get("model").asText()).isEqualTo("llama 36M Q4_K - Medium");
    Result g = run("generate", "--model", out.toString(), "--prompt", "Hello", "-n", "3", "--json");
    assertThat(g.code()).as(g.err()).isZero();
    assertThat(new ObjectMapper().readTree(g.out()).get("usage").get("completionTokens").asInt()).isEqualTo(3);
  }

  @Test
  void unknownShapeOrTypeIsAUsageError() {
    Result s = run("synth", "--shape", "gpt-9", "--type", "q4_0", "--vocab", "x.gguf", "--out", dir.resolve("o").toString());
    assertThat(s.code()).isNotZero();
    assertThat(s.err()).contains("unknown --shape gpt-9");
    Result t = run("synth", "--shape", "tiny", "--type", "q3_k", "--vocab", "x.gguf", "--out", dir.resolve("o").toString());
    assertThat(t.err()).contains("unknown --type q3_k");
    assertThat(Files.exists(dir.resolve("o"))).isFalse();
  }
}
