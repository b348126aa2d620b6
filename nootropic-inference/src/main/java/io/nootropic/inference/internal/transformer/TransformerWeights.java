package io.nootropic.inference.internal.transformer;

import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.gguf.GgufTensorInfo;
import io.nootropic.inference.internal.kernel.WeightTensor;
import io.nootropic.inference.internal.kernel.WeightTensors;
import io.nootropic.inference.transformer.ModelConfig;
import io.nootropic.inference.transformer.ModelLoadException;
import java.util.Arrays;

/// The weights of a Llama-block transformer, wrapped in place from the mapped file. Every tensor is
/// checked for presence, shape and type against the [ModelConfig] before it is wrapped.
///
/// Matrices are `(rows = out features, cols = in features)`, i.e. ggml shape `[cols, rows]`.
final class TransformerWeights {

  /// One transformer block.
  static final class Layer {
    float[] attnNorm;               // (dim)
    WeightTensor wq;                // (n_heads * head_dim, dim)
    WeightTensor wk;                // (n_kv_heads * head_dim, dim)
    WeightTensor wv;                // (n_kv_heads * head_dim, dim)
    float[] bq;                     // (n_heads * head_dim) or null
    float[] bk;                     // (n_kv_heads * head_dim) or null
    float[] bv;                     // (n_kv_heads * head_dim) or null
    float[] qNorm;                  // (head_dim) or null
    float[] kNorm;                  // (head_dim) or null
    WeightTensor wo;                // (dim, n_heads * head_dim)
    float[] ffnNorm;                // (dim)
    WeightTensor gate;              // (ffn, dim)
    WeightTensor up;                // (ffn, dim)
    WeightTensor down;              // (dim, ffn)
  }

  WeightTensor tokenEmbedding;      // (vocab, dim)
  float[] outputNorm;               // (dim)
  WeightTensor output;              // (vocab, dim), the embedding when tied
  float[] ropeFreqFactors;          // (rope_dims / 2) or null (llama3 rope scaling)
  Layer[] layers;
  long parameterCount;
  long weightBytes;

  private TransformerWeights() { }

  static TransformerWeights load(GgufFile file, ModelConfig c, Architecture arch) {
    TransformerWeights w = new TransformerWeights();
    int dim = c.embeddingLength();
    w.tokenEmbedding = matrix(file, "token_embd.weight", c.vocabSize(), dim);
    w.outputNorm = vector(file, "output_norm.weight", dim);
    w.output = c.tiedEmbeddings() ? w.tokenEmbedding : matrix(file, "output.weight", c.vocabSize(), dim);
    w.ropeFreqFactors = file.tensor("rope_freqs.weight").isPresent()
        ? vector(file, "rope_freqs.weight", c.ropeDimensionCount() / 2) : null;
    w.layers = new Layer[c.blockCount()];
    for (int i = 0; i < c.blockCount(); i++) {
      String p = "blk." + i + ".";
      Layer l = new Layer();
      l.attnNorm = vector(file, p + "attn_norm.weight", dim);
      l.wq = matrix(file, p + "attn_q.weight", c.queryDim(), dim);
      l.wk = matrix(file, p + "attn_k.weight", c.kvDim(), dim);
      l.wv = matrix(file, p + "attn_v.weight", c.kvDim(), dim);
      if (arch.qkvBias()) {
        l.bq = vector(file, p + "attn_q.bias", c.queryDim());
        l.bk = vector(file, p + "attn_k.bias", c.kvDim());
        l.bv = vector(file, p + "attn_v.bias", c.kvDim());
      }
      if (arch.qkNorm()) {
        l.qNorm = vector(file, p + "attn_q_norm.weight", c.headDim());
        l.kNorm = vector(file, p + "attn_k_norm.weight", c.headDim());
      }
      l.wo = matrix(file, p + "attn_output.weight", dim, c.queryDim());
      l.ffnNorm = vector(file, p + "ffn_norm.weight", dim);
      l.gate = matrix(file, p + "ffn_gate.weight", c.feedForwardLength(), dim);
      l.up = matrix(file, p + "ffn_up.weight", c.feedForwardLength(), dim);
      l.down = matrix(file, p + "ffn_down.weight", dim, c.feedForwardLength());
      w.layers[i] = l;
    }
    for (GgufTensorInfo t : file.tensors()) {
      w.parameterCount += t.elementCount();
      w.weightBytes += t.byteSize();
    }
    return w;
  }

  private static GgufTensorInfo info(GgufFile file, String name) {
    return file.tensor(name).orElseThrow(() -> new ModelLoadException("missing tensor " + name));
  }

  /// A `(rows, cols)` matrix: ggml shape `[cols, rows]`.
  static WeightTensor matrix(GgufFile file, String name, int rows, int cols) {
    GgufTensorInfo t = info(file, name);
    long[] s = t.shape();
    if (s.length != 2 || s[0] != cols || s[1] != rows) {
      throw new ModelLoadException("tensor " + name + " has shape " + Arrays.toString(s) + ", expected ["
          + cols + ", " + rows + "]");
    }
    int id = t.type().id();
    if (!WeightTensors.supports(id)) {
      throw new ModelLoadException("tensor " + name + " has unsupported type " + t.type()
          + " (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K)");
    }
    try {
      return WeightTensors.create(id, file.data(t), rows, cols);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException("tensor " + name + ": " + e.getMessage(), e);
    }
  }

  /// A vector of `n` values (shape `[n]`), dequantized to float.
  static float[] vector(GgufFile file, String name, int n) {
    GgufTensorInfo t = info(file, name);
    long[] s = t.shape();
    if (s.length < 1 || s[0] != n || t.elementCount() != n) {
      throw new ModelLoadException("tensor " + name + " has shape " + Arrays.toString(s) + ", expected [" + n + "]");
    }
    int id = t.type().id();
    if (!WeightTensors.supports(id)) {
      throw new ModelLoadException("tensor " + name + " has unsupported type " + t.type());
    }
    float[] out = new float[n];
    try {
      WeightTensors.create(id, file.data(t), 1, n).dequantizeRow(0, out, 0);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException("tensor " + name + ": " + e.getMessage(), e);
    }
    return out;
  }
}
