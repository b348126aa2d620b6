package io.nootropic.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.testing.SharedModels;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// Opens the real GGUF files in ../shared/models and checks the facts its README states.
class GgufRealFilesTest {

  @Test
  void stories260kMatchesTheReadme() throws Exception {
    Path p = SharedModels.require("stories260K.gguf");
    try (GgufFile f = GgufFile.open(p)) {
      GgufMetadata m = f.metadata();
      assertThat(f.version()).isIn(2, 3);
      assertThat(m.architecture()).isEqualTo("llama");
      assertThat(m.getInt("llama.embedding_length", 1, 1 << 20)).isEqualTo(64);
      assertThat(m.getInt("llama.block_count", 1, 1024)).isEqualTo(5);
      assertThat(m.getInt("llama.attention.head_count", 1, 1024)).isEqualTo(8);
      assertThat(m.getInt("llama.attention.head_count_kv", 1, 1024)).isEqualTo(4);
      assertThat(m.getInt("llama.feed_forward_length", 1, 1 << 20)).isEqualTo(172);
      assertThat(m.getInt("llama.context_length", 1, 1 << 24)).isEqualTo(2048);
      assertThat(m.getString("tokenizer.ggml.model")).isEqualTo("llama");
      assertThat(m.getStringArray("tokenizer.ggml.tokens")).hasSize(512);
      assertThat(m.getFloatArray("tokenizer.ggml.scores")).hasSize(512);
      assertThat(m.getIntArray("tokenizer.ggml.token_type")).hasSize(512);
      assertThat(m.getLong("tokenizer.ggml.bos_token_id")).isEqualTo(1);
      assertThat(m.getLong("tokenizer.ggml.eos_token_id")).isEqualTo(2);

      assertThat(f.tensors()).allSatisfy(t -> assertThat(t.type()).isEqualTo(GgmlType.F32));
      assertThat(f.tensor("token_embd.weight").orElseThrow().shape()).containsExactly(64, 512);
      assertThat(f.tensor("blk.0.attn_q.weight").orElseThrow().shape()).containsExactly(64, 64);
      // GQA: 4 KV heads of head dim 8
      assertThat(f.tensor("blk.4.attn_k.weight").orElseThrow().shape()).containsExactly(64, 32);
      assertThat(f.tensor("blk.4.ffn_gate.weight").orElseThrow().shape()).containsExactly(64, 172);
      assertThat(f.tensor("blk.5.attn_q.weight")).isEmpty();
      assertThat(f.tensors().stream().filter(t -> t.name().startsWith("blk."))).hasSize(5 * 9);

      // data slices are zero-copy views of exactly the declared size, inside the file
      for (GgufTensorInfo t : f.tensors()) {
        assertThat(f.data(t).byteSize()).isEqualTo(t.byteSize()).isEqualTo(t.elementCount() * 4);
        assertThat((f.dataSectionOffset() + t.offset()) % f.alignment()).isZero();
        assertThat(f.dataSectionOffset() + t.offset() + t.byteSize()).isLessThanOrEqualTo(f.fileSize());
      }
      // the norm weights of a trained model are finite floats, mostly near 1
      GgufTensorInfo norm = f.tensor("blk.0.attn_norm.weight").orElseThrow();
      var seg = f.data(norm);
      float first = seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
      assertThat(first).isFinite();
    }
  }

  @Test
  void llama2TinyRandomIsF16WithTheFullVocabulary() throws Exception {
    Path p = SharedModels.require("llama-2-tiny-random.gguf");
    try (GgufFile f = GgufFile.open(p)) {
      GgufMetadata m = f.metadata();
      assertThat(m.architecture()).isEqualTo("llama");
      assertThat(m.getLong("llama.embedding_length")).isEqualTo(8);
      assertThat(m.getLong("llama.block_count")).isEqualTo(1);
      assertThat(m.getLong("llama.attention.head_count")).isEqualTo(2);
      assertThat(m.getLong("llama.feed_forward_length")).isEqualTo(32);
      assertThat(m.getLong("llama.context_length")).isEqualTo(4096);
      assertThat(m.getStringArray("tokenizer.ggml.tokens")).hasSize(32000);
      assertThat(f.tensors()).hasSize(12);
      assertThat(f.tensors().stream().filter(t -> t.type() == GgmlType.F16)).hasSize(9);
      assertThat(f.tensors().stream().filter(t -> t.type() == GgmlType.F32)).hasSize(3);
      GgufTensorInfo last = f.tensors().stream()
          .max(Comparator.comparingLong(GgufTensorInfo::offset)).orElseThrow();
      assertThat(f.dataSectionOffset() + last.offset() + last.byteSize())
          .isLessThanOrEqualTo(Files.size(p));
    }
  }

  @ParameterizedTest
  @CsvSource({
      "vocab/ggml-vocab-llama-spm.gguf, llama, 32000, -1",
      "vocab/ggml-vocab-phi-3.gguf, llama, 32064, -1",
      "vocab/ggml-vocab-gpt-2.gguf, gpt2, 50257, 50000",
      "vocab/ggml-vocab-bert-bge.gguf, bert, 30522, -1",
      "vocab/rebuilt-llama3-bpe.gguf, gpt2, 128256, 280147",
      "vocab/rebuilt-qwen25.gguf, gpt2, 151936, 294166",
  })
  void vocabFilesParse(String file, String model, int tokens, int merges) throws Exception {
    try (GgufFile f = GgufFile.open(SharedModels.require(file))) {
      GgufMetadata m = f.metadata();
      assertThat(f.tensors()).isEmpty();
      assertThat(m.getString("tokenizer.ggml.model")).isEqualTo(model);
      assertThat(m.getStringArray("tokenizer.ggml.tokens")).hasSize(tokens);
      if (merges >= 0) {
        assertThat(m.getStringArray("tokenizer.ggml.merges")).hasSize(merges);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
      "ggml-vocab-deepseek-coder.gguf", "ggml-vocab-deepseek-llm.gguf", "ggml-vocab-falcon.gguf",
      "ggml-vocab-starcoder.gguf", "ggml-vocab-mpt.gguf", "ggml-vocab-refact.gguf",
  })
  void everyOtherBpeVocabularyParses(String file) throws Exception {
    try (GgufFile f = GgufFile.open(SharedModels.require("vocab/" + file))) {
      GgufMetadata m = f.metadata();
      assertThat(f.tensors()).isEmpty();
      assertThat(m.getString("tokenizer.ggml.model")).isEqualTo("gpt2");
      int n = m.getStringArray("tokenizer.ggml.tokens").length;
      assertThat(n).isGreaterThan(1000);
      assertThat(m.getIntArray("tokenizer.ggml.token_type")).hasSize(n);
      assertThat(m.getStringArray("tokenizer.ggml.merges")).isNotEmpty();
      assertThat(f.fileSize()).isEqualTo(Files.size(f.path()));
    }
  }

  @Test
  void rebuiltVocabulariesHaveTheDocumentedSpecialTokens() throws Exception {
    try (GgufFile f = GgufFile.open(SharedModels.require("vocab/rebuilt-qwen25.gguf"))) {
      GgufMetadata m = f.metadata();
      assertThat(m.architecture()).isEqualTo("qwen2");
      assertThat(m.getString("tokenizer.ggml.pre")).isEqualTo("qwen2");
      assertThat(m.getLong("tokenizer.ggml.bos_token_id")).isEqualTo(151643);
      assertThat(m.getLong("tokenizer.ggml.eos_token_id")).isEqualTo(151643);
      assertThat(m.getStringArray("tokenizer.ggml.tokens")[151645]).isEqualTo("<|im_end|>");
    }
    try (GgufFile f = GgufFile.open(SharedModels.require("vocab/rebuilt-llama3-bpe.gguf"))) {
      GgufMetadata m = f.metadata();
      assertThat(m.getString("tokenizer.ggml.pre")).isEqualTo("llama-bpe");
      assertThat(m.getLong("tokenizer.ggml.bos_token_id")).isEqualTo(128000);
      assertThat(m.getBool("tokenizer.ggml.add_bos_token", false)).isTrue();
      assertThat(m.getStringArray("tokenizer.ggml.tokens")[128009]).isEqualTo("<|eot_id|>");
    }
  }
}
