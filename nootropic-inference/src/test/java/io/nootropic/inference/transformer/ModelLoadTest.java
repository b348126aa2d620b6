package io.nootropic.inference.transformer;

import io.nootropic.inference.LanguageModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.inference.gguf.GgmlType;
import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.gguf.GgufWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Hyper-parameters and tensors are checked before anything is sized from them.
class ModelLoadTest {

  @TempDir Path dir;

  private Path rewrite(Path valid, String key, Object value, String dropTensor) throws Exception {
    Path out = dir.resolve("bad-" + key.hashCode() + "-" + (dropTensor == null ? "" : dropTensor.hashCode()) + ".gguf");
    try (GgufFile f = GgufFile.open(valid)) {
      GgufWriter w = GgufWriter.create().putAll(f.metadata());
      if (value instanceof String s) {
        w.put(key, s);
      } else if (value instanceof Long l) {
        w.putUint64(key, l);
      } else if (value instanceof Float fl) {
        w.putFloat32(key, fl);
      }
      for (var t : f.tensors()) {
        if (!t.name().equals(dropTensor)) {
          w.addTensor(t.name(), t.type(), t.shape(), f.data(t));
        }
      }
      w.write(out);
    }
    return out;
  }

  private void assertRejected(Path file, String message) throws Exception {
    try (GgufFile f = GgufFile.open(file)) {
      assertThatThrownBy(() -> LanguageModels.load(f, 1)).isInstanceOf(ModelLoadException.class)
          .hasMessageContaining(message);
    }
  }

  @Test
  void outOfRangeOrInconsistentHyperParametersAreRejected() throws Exception {
    Path valid = new SyntheticModel().write(dir, 1);
    assertRejected(rewrite(valid, "llama.block_count", 1L << 40, null), "llama.block_count");
    assertRejected(rewrite(valid, "llama.attention.head_count", 0L, null), "head_count");
    assertRejected(rewrite(valid, "llama.attention.head_count_kv", 3L, null), "not a multiple");
    assertRejected(rewrite(valid, "llama.embedding_length", 100_000L, null), "embedding_length");
    assertRejected(rewrite(valid, "llama.attention.layer_norm_rms_epsilon", -1f, null), "epsilon");
    assertRejected(rewrite(valid, "llama.rope.scaling.type", "yarn", null), "unsupported llama.rope.scaling.type");
    assertRejected(rewrite(valid, "general.architecture", "mamba", null), "unsupported architecture 'mamba'");
    assertRejected(rewrite(valid, "llama.feed_forward_length", 97L, null), "blk.0.ffn_gate.weight has shape");
  }

  @Test
  void missingTensorsAreNamed() throws Exception {
    Path valid = new SyntheticModel().write(dir, 2);
    assertRejected(rewrite(valid, "x.unused", "x", "blk.1.attn_k.weight"), "missing tensor blk.1.attn_k.weight");
    SyntheticModel q2 = new SyntheticModel();
    q2.arch = "qwen2";
    Path qwen = q2.write(dir, 3);
    assertRejected(rewrite(qwen, "x.unused", "x", "blk.0.attn_v.bias"), "missing tensor blk.0.attn_v.bias");
  }

  @Test
  void configReportsWhatTheMetadataSays() throws Exception {
    SyntheticModel m = new SyntheticModel();
    m.arch = "qwen3";
    m.headDim = 32;
    m.explicitHeadDim = true;
    m.matrixType = GgmlType.Q8_0;
    try (GgufFile f = GgufFile.open(m.write(dir, 4)); LanguageModel lm = LanguageModels.load(f, 1)) {
      ModelConfig c = lm.config();
      assertThat(c.architecture()).isEqualTo("qwen3");
      assertThat(c.headDim()).isEqualTo(32);
      assertThat(c.queryDim()).isEqualTo(128);
      assertThat(c.kvDim()).isEqualTo(64);
      assertThat(c.ropeNeox()).isTrue();
      assertThat(c.vocabSize()).isEqualTo(m.vocab);
      assertThat(c.tiedEmbeddings()).isFalse();
      assertThat(lm.parameterCount()).isGreaterThan(0);
      assertThat(lm.threads()).isEqualTo(1);
    }
  }
}
