package io.nootropic.inference.internal.transformer;

import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.gguf.GgufMetadata;
import io.nootropic.inference.gguf.GgufTensorInfo;
import io.nootropic.inference.transformer.ModelConfig;
import io.nootropic.inference.transformer.ModelLoadException;
import java.util.Locale;

/// One family of decoder-only transformers (the Llama block: RMSNorm, RoPE, GQA, SwiGLU) and the
/// few switches in which its members differ. Adding an architecture means one subclass registered
/// in [Architectures].
///
/// The base class reads every hyper-parameter from `{name}.*` metadata and range-checks it before
/// anything is sized from it.
public abstract class Architecture {

  /// The `general.architecture` value this class handles.
  public abstract String name();

  /// Whether RoPE rotates pairs `(i, i + d/2)` (ggml NEOX) rather than adjacent pairs (ggml NORM).
  public abstract boolean neoxRope();

  /// Whether Q, K and V projections carry biases (`attn_q.bias`, ...), required when true.
  public boolean qkvBias() {
    return false;
  }

  /// Whether Q and K are RMS-normalised per head before RoPE (`attn_q_norm`, `attn_k_norm`).
  public boolean qkNorm() {
    return false;
  }

  /// Reads and checks the hyper-parameters.
  public ModelConfig readConfig(GgufFile file) {
    GgufMetadata md = file.metadata();
    String p = name() + ".";
    int ctx = intKey(md, p + "context_length", 1, 1 << 24, -1);
    int embd = intKey(md, p + "embedding_length", 1, 1 << 16, -1);
    int blocks = intKey(md, p + "block_count", 1, 1024, -1);
    int heads = intKey(md, p + "attention.head_count", 1, 4096, -1);
    int headsKv = intKey(md, p + "attention.head_count_kv", 1, heads, heads);
    if (heads % headsKv != 0) {
      throw new ModelLoadException(p + "attention.head_count " + heads + " is not a multiple of head_count_kv " + headsKv);
    }
    int defaultHeadDim = embd % heads == 0 ? embd / heads : -1;
    int headDim = intKey(md, p + "attention.key_length", 2, 4096, defaultHeadDim);
    int valueDim = intKey(md, p + "attention.value_length", 2, 4096, headDim);
    if (valueDim != headDim) {
      throw new ModelLoadException(p + "attention.value_length " + valueDim + " differs from key_length " + headDim
          + " (unsupported)");
    }
    if (headDim % 2 != 0) {
      throw new ModelLoadException("head dimension " + headDim + " is odd");
    }
    int ffn = intKey(md, p + "feed_forward_length", 1, 1 << 20, -1);
    float eps = floatKey(md, p + "attention.layer_norm_rms_epsilon", Float.NaN);
    if (!(eps > 0 && eps < 1)) {
      throw new ModelLoadException(p + "attention.layer_norm_rms_epsilon " + eps + " is not in (0, 1)");
    }
    float base = floatKey(md, p + "rope.freq_base", 10000f);
    if (!(base > 1 && base < 1e12f)) {
      throw new ModelLoadException(p + "rope.freq_base " + base + " is not in (1, 1e12)");
    }
    int ropeDims = intKey(md, p + "rope.dimension_count", 2, headDim, headDim);
    if (ropeDims % 2 != 0) {
      throw new ModelLoadException(p + "rope.dimension_count " + ropeDims + " is odd");
    }
    float freqScale = 1f;
    String scaling = md.findString(p + "rope.scaling.type").orElse("none").toLowerCase(Locale.ROOT);
    switch (scaling) {
      case "none", "" -> { }
      case "linear" -> {
        float factor = floatKey(md, p + "rope.scaling.factor", 1f);
        if (!(factor >= 1 && factor <= 1024)) {
          throw new ModelLoadException(p + "rope.scaling.factor " + factor + " is not in [1, 1024]");
        }
        freqScale = 1f / factor;
      }
      default -> throw new ModelLoadException("unsupported " + p + "rope.scaling.type '" + scaling
          + "' (supported: none, linear; llama3 scaling via the rope_freqs tensor)");
    }
    GgufTensorInfo embdInfo = file.tensor("token_embd.weight")
        .orElseThrow(() -> new ModelLoadException("missing tensor token_embd.weight"));
    long[] shape = embdInfo.shape();
    if (shape.length != 2 || shape[0] != embd || shape[1] < 1 || shape[1] > (1 << 22)) {
      throw new ModelLoadException("tensor token_embd.weight has shape " + java.util.Arrays.toString(shape)
          + ", expected [" + embd + ", n_vocab <= 4194304]");
    }
    boolean tied = file.tensor("output.weight").isEmpty();
    return new ModelConfig(name(), ctx, (int) shape[1], embd, blocks, heads, headsKv, headDim, ffn, eps, base,
        ropeDims, freqScale, neoxRope(), tied);
  }

  /// An integer key in `[min, max]`; `defaultValue` when absent (-1: required).
  static int intKey(GgufMetadata md, String key, int min, int max, int defaultValue) {
    if (!md.contains(key)) {
      if (defaultValue == -1) {
        throw new ModelLoadException("missing metadata key " + key);
      }
      return defaultValue;
    }
    long v;
    try {
      v = md.getLong(key);
    } catch (RuntimeException e) {
      throw new ModelLoadException("metadata key " + key + " is not an integer", e);
    }
    if (v < min || v > max) {
      throw new ModelLoadException("metadata key " + key + " = " + v + " is out of range [" + min + ", " + max + "]");
    }
    return (int) v;
  }

  /// A float key; `defaultValue` when absent (NaN: required).
  static float floatKey(GgufMetadata md, String key, float defaultValue) {
    if (!md.contains(key)) {
      if (Float.isNaN(defaultValue)) {
        throw new ModelLoadException("missing metadata key " + key);
      }
      return defaultValue;
    }
    try {
      return (float) md.getDouble(key);
    } catch (RuntimeException e) {
      throw new ModelLoadException("metadata key " + key + " is not a number", e);
    }
  }
}
