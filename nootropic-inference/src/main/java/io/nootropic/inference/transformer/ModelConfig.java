package io.nootropic.inference.transformer;

/// Hyper-parameters of a transformer model, read from GGUF metadata and range-checked before
/// anything is sized from them.
///
/// @param architecture `general.architecture` (`llama`, `qwen2`, `qwen3`)
/// @param contextLength trained context length (`{arch}.context_length`)
/// @param vocabSize rows of the token embedding
/// @param embeddingLength model width (`{arch}.embedding_length`)
/// @param blockCount transformer layers (`{arch}.block_count`)
/// @param headCount query heads (`{arch}.attention.head_count`)
/// @param headCountKv key/value heads, dividing `headCount` (`{arch}.attention.head_count_kv`)
/// @param headDim width of one head (`{arch}.attention.key_length`, else `embeddingLength / headCount`)
/// @param feedForwardLength SwiGLU hidden width (`{arch}.feed_forward_length`)
/// @param rmsNormEps RMSNorm epsilon (`{arch}.attention.layer_norm_rms_epsilon`)
/// @param ropeFreqBase RoPE base frequency (`{arch}.rope.freq_base`, default 10000)
/// @param ropeDimensionCount rotated dimensions per head (`{arch}.rope.dimension_count`, default `headDim`)
/// @param ropeFreqScale RoPE position scale: `1 / {arch}.rope.scaling.factor` for linear scaling, else 1
/// @param ropeNeox whether RoPE rotates pairs `(i, i + d/2)` (NeoX) rather than adjacent pairs
/// @param tiedEmbeddings whether the output projection reuses the token embedding
public record ModelConfig(String architecture, int contextLength, int vocabSize, int embeddingLength,
    int blockCount, int headCount, int headCountKv, int headDim, int feedForwardLength,
    float rmsNormEps, float ropeFreqBase, int ropeDimensionCount, float ropeFreqScale, boolean ropeNeox,
    boolean tiedEmbeddings) {

  /// Width of all query heads together.
  public int queryDim() {
    return headCount * headDim;
  }

  /// Width of all key (or value) heads together.
  public int kvDim() {
    return headCountKv * headDim;
  }
}
