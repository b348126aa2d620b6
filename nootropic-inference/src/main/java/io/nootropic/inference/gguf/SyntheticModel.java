package io.nootropic.inference.gguf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/// Writes a model of a real architecture's shape with random weights and the tokenizer of a
/// vocab-only GGUF, so throughput can be measured without downloading weights (`nootropic synth`).
///
/// Every 2-D weight (including the tied token embedding) is stored in the requested type, with
/// random quants and scales chosen so each row has a standard deviation of about `1/sqrt(cols)`;
/// norms are 1 and biases 0. As llama.cpp does, `Q4_K` falls back to `Q5_0` (and `Q6_K` to
/// `Q8_0`) for tensors whose rows are not a multiple of 256. [Type#Q4_K_M] mixes types the way
/// llama.cpp's Q4_K_M files do: `Q6_K` for the output matrix (the token embedding, which every
/// shape here ties) and for `attn_v` and `ffn_down` in the first and last eighth of the layers and
/// every third layer between; `Q4_K` elsewhere. Tensors are streamed, so memory use stays small.
///
/// ```java
/// SyntheticModel.Summary s = SyntheticModel.write(SyntheticModel.Shape.QWEN2_5_0_5B, SyntheticModel.Type.Q4_K_M,
///     Path.of("vocab/rebuilt-qwen25.gguf"), Path.of("/tmp/q.gguf"), 42, SyntheticModel.Listener.NONE);
/// ```
public final class SyntheticModel {

  private SyntheticModel() {}

  /// The hyper-parameters of a real model's architecture.
  public enum Shape {
    /// Llama 3.2 1B: 16 layers of 2048, grouped-query attention 32/8, llama3 rope scaling.
    LLAMA_3_2_1B("llama-3.2-1b", "llama", 2048, 8192, 16, 32, 8, 131072, 500000f, 1e-5f, false, true),
    /// Qwen 2.5 0.5B: 24 layers of 896, attention 14/2 with q/k/v biases.
    QWEN2_5_0_5B("qwen2.5-0.5b", "qwen2", 896, 4864, 24, 14, 2, 32768, 1000000f, 1e-6f, true, false),
    /// A 4-layer llama of width 256, for tests.
    TINY("tiny", "llama", 256, 768, 4, 8, 4, 2048, 10000f, 1e-5f, false, false);

    private final String externalName;
    final String arch;
    final int dim;
    final int ffn;
    final int layers;
    final int heads;
    final int kvHeads;
    final int ctx;
    final float ropeBase;
    final float eps;
    final boolean qkvBias;
    final boolean llama3Rope;

    Shape(String externalName, String arch, int dim, int ffn, int layers, int heads, int kvHeads, int ctx,
          float ropeBase, float eps, boolean qkvBias, boolean llama3Rope) {
      this.externalName = externalName;
      this.arch = arch;
      this.dim = dim;
      this.ffn = ffn;
      this.layers = layers;
      this.heads = heads;
      this.kvHeads = kvHeads;
      this.ctx = ctx;
      this.ropeBase = ropeBase;
      this.eps = eps;
      this.qkvBias = qkvBias;
      this.llama3Rope = llama3Rope;
    }

    /// The name on the command line, e.g. `llama-3.2-1b`.
    public String externalName() {
      return externalName;
    }

    /// Looks a shape up by its [#externalName()], ignoring case.
    ///
    /// @throws IllegalArgumentException naming the known shapes when `name` is none of them
    public static Shape forName(String name) {
      for (Shape s : values()) {
        if (s.externalName.equalsIgnoreCase(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown shape " + name + " (llama-3.2-1b, qwen2.5-0.5b, tiny)");
    }
  }

  /// How the weights are stored.
  public enum Type {
    /// Every matrix in Q4_0.
    Q4_0(GgmlType.Q4_0, 2),
    /// Every matrix in Q8_0.
    Q8_0(GgmlType.Q8_0, 7),
    /// Every matrix in Q4_K (llama.cpp gives such a file no file type).
    Q4_K(GgmlType.Q4_K, -1),
    /// llama.cpp's Q4_K_M mix of Q4_K and Q6_K.
    Q4_K_M(GgmlType.Q4_K, 15),
    /// Every matrix in F16.
    F16(GgmlType.F16, 1);

    final GgmlType base;
    final int fileType;   // llama.cpp's llama_ftype, -1 for none

    Type(GgmlType base, int fileType) {
      this.base = base;
      this.fileType = fileType;
    }

    /// Looks a type up by name (`q4_0`, `q8_0`, `q4_k`, `q4_k_m`, `f16`), ignoring case.
    ///
    /// @throws IllegalArgumentException naming the known types when `name` is none of them
    public static Type forName(String name) {
      for (Type t : values()) {
        if (t.name().equalsIgnoreCase(name)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown type " + name + " (q4_0, q8_0, q4_k, q4_k_m, f16)");
    }
  }

  /// Told about each tensor as it is written.
  @FunctionalInterface
  public interface Listener {
    /// Ignores everything.
    Listener NONE = (name, type, index, total) -> { };

    /// Tensor `index` (from 1) of `total`, named `name`, is being written as `type`.
    void tensor(String name, GgmlType type, int index, int total);
  }

  /// What was written.
  ///
  /// @param out          the file
  /// @param shape        its shape
  /// @param type         its weight type
  /// @param vocabSize    tokens in the copied vocabulary
  /// @param matrixParams elements of all 2-D weights
  public record Summary(Path out, Shape shape, Type type, int vocabSize, long matrixParams) {}

  /// Writes the model to `out` (atomically, as [GgufWriter#write(Path)] does).
  ///
  /// @param vocab a GGUF with `tokenizer.*` keys (a vocab-only file, or any model)
  /// @throws GgufFormatException when `vocab` has no `tokenizer.ggml.tokens`
  /// @throws IOException when a file cannot be read or written
  public static Summary write(Shape shape, Type type, Path vocab, Path out, long seed, Listener listener)
      throws IOException {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(listener, "listener");
    GgufWriter w = GgufWriter.create();
    int vocabSize;
    try (GgufFile v = GgufFile.open(vocab)) {
      if (!v.metadata().contains("tokenizer.ggml.tokens")) {
        throw new GgufFormatException("no-tokenizer", -1, vocab + " has no tokenizer.ggml.tokens: pass a vocab-only GGUF or a model");
      }
      vocabSize = v.metadata().getStringArray("tokenizer.ggml.tokens").length;
      w.putAll(v.metadata(), k -> k.startsWith("tokenizer."));
    }
    String p = shape.arch + ".";
    int headDim = shape.dim / shape.heads;
    w.put("general.architecture", shape.arch);
    w.put("general.name", "nootropic synth " + shape.externalName + " " + type.name().toLowerCase(Locale.ROOT)
        + " (random weights)");
    w.putUint32(p + "context_length", shape.ctx);
    w.putUint32(p + "embedding_length", shape.dim);
    w.putUint32(p + "block_count", shape.layers);
    w.putUint32(p + "feed_forward_length", shape.ffn);
    w.putUint32(p + "attention.head_count", shape.heads);
    w.putUint32(p + "attention.head_count_kv", shape.kvHeads);
    w.putUint32(p + "rope.dimension_count", headDim);
    w.putFloat32(p + "attention.layer_norm_rms_epsilon", shape.eps);
    w.putFloat32(p + "rope.freq_base", shape.ropeBase);
    w.putUint32(p + "vocab_size", vocabSize);
    if (type.fileType >= 0) {
      w.putUint32("general.file_type", type.fileType);
    }

    SplittableRandom rnd = new SplittableRandom(seed);
    int q = shape.heads * headDim;
    int kv = shape.kvHeads * headDim;
    int total = 1 + shape.layers * 7;
    long[] params = {0};
    int[] written = {0};
    Adder add = (name, rows, cols) -> {
      GgmlType tt = type == Type.Q4_K_M ? q4kmType(name, shape.layers) : type.base;
      if (cols % 256 != 0) {
        tt = tt == GgmlType.Q4_K ? GgmlType.Q5_0 : tt == GgmlType.Q6_K ? GgmlType.Q8_0 : tt;
      }
      long seedOf = rnd.nextLong();
      params[0] += (long) rows * cols;
      GgmlType ft = tt;
      w.addTensor(name, ft, new long[] {cols, rows}, o -> {
        listener.tensor(name, ft, ++written[0], total);
        writeRandom(o, ft, rows, cols, new SplittableRandom(seedOf));
      });
    };
    add.add("token_embd.weight", vocabSize, shape.dim);
    w.addTensor("output_norm.weight", GgmlType.F32, new long[] {shape.dim}, constant(shape.dim, 1f));
    if (shape.llama3Rope) {
      w.addTensor("rope_freqs.weight", GgmlType.F32, new long[] {headDim / 2}, llama3RopeFactors(headDim, shape.ropeBase));
    }
    for (int l = 0; l < shape.layers; l++) {
      String b = "blk." + l + ".";
      w.addTensor(b + "attn_norm.weight", GgmlType.F32, new long[] {shape.dim}, constant(shape.dim, 1f));
      add.add(b + "attn_q.weight", q, shape.dim);
      add.add(b + "attn_k.weight", kv, shape.dim);
      add.add(b + "attn_v.weight", kv, shape.dim);
      if (shape.qkvBias) {
        w.addTensor(b + "attn_q.bias", GgmlType.F32, new long[] {q}, constant(q, 0f));
        w.addTensor(b + "attn_k.bias", GgmlType.F32, new long[] {kv}, constant(kv, 0f));
        w.addTensor(b + "attn_v.bias", GgmlType.F32, new long[] {kv}, constant(kv, 0f));
      }
      add.add(b + "attn_output.weight", shape.dim, q);
      w.addTensor(b + "ffn_norm.weight", GgmlType.F32, new long[] {shape.dim}, constant(shape.dim, 1f));
      add.add(b + "ffn_gate.weight", shape.ffn, shape.dim);
      add.add(b + "ffn_up.weight", shape.ffn, shape.dim);
      add.add(b + "ffn_down.weight", shape.dim, shape.ffn);
    }
    w.write(out);
    return new Summary(out, shape, type, vocabSize, params[0]);
  }

  /// The type llama.cpp's Q4_K_M quantization picks for a weight (every shape here ties the output
  /// matrix to the token embedding).
  static GgmlType q4kmType(String name, int layers) {
    if (name.equals("token_embd.weight")) {
      return GgmlType.Q6_K;
    }
    if (name.endsWith(".attn_v.weight") || name.endsWith(".ffn_down.weight")) {
      int layer = Integer.parseInt(name.substring(4, name.indexOf('.', 4)));
      boolean moreBits = layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
      return moreBits ? GgmlType.Q6_K : GgmlType.Q4_K;
    }
    return GgmlType.Q4_K;
  }

  @FunctionalInterface
  private interface Adder {
    void add(String name, int rows, int cols);
  }

  private static byte[] constant(int n, float value) {
    ByteBuffer bb = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      bb.putFloat(value);
    }
    return bb.array();
  }

  /// Llama 3.1/3.2 rope scaling (factor 32, low/high frequency factors 1 and 4, original context
  /// 8192) as the per-dimension divisors GGUF stores in `rope_freqs.weight`.
  private static byte[] llama3RopeFactors(int headDim, float base) {
    double factor = 32;
    double lowFreqFactor = 1;
    double highFreqFactor = 4;
    double oldContext = 8192;
    double lowWavelen = oldContext / lowFreqFactor;
    double highWavelen = oldContext / highFreqFactor;
    ByteBuffer bb = ByteBuffer.allocate(4 * (headDim / 2)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < headDim; i += 2) {
      double freq = 1.0 / Math.pow(base, (double) i / headDim);
      double wavelen = 2 * Math.PI / freq;
      double f;
      if (wavelen < highWavelen) {
        f = 1;
      } else if (wavelen > lowWavelen) {
        f = factor;
      } else {
        double smooth = (oldContext / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
        f = 1 / ((1 - smooth) / factor + smooth);
      }
      bb.putFloat((float) f);
    }
    return bb.array();
  }

  /// Streams `rows x cols` random values of `type`: random quant bytes, scale fields set so the
  /// row standard deviation is about `1/sqrt(cols)`.
  static void writeRandom(OutputStream o, GgmlType type, int rows, int cols, SplittableRandom rnd) throws IOException {
    float target = (float) (1.0 / Math.sqrt(cols));
    int blocksPerRow = cols / type.blockSize();
    int ts = type.typeSize();
    byte[] row = new byte[blocksPerRow * ts];
    ByteBuffer bb = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < rows; r++) {
      if (type == GgmlType.F16) {
        for (int i = 0; i < cols; i++) {
          bb.putShort(2 * i, Float.floatToFloat16((float) (rnd.nextGaussian() * target)));
        }
      } else {
        rnd.nextBytes(row);
        for (int b = 0; b < blocksPerRow; b++) {
          int off = b * ts;
          switch (type) {
            case Q4_0 -> bb.putShort(off, Float.floatToFloat16(target / 4.6f));
            case Q5_0 -> bb.putShort(off, Float.floatToFloat16(target / 9.2f));
            case Q8_0 -> bb.putShort(off, Float.floatToFloat16(target / 74f));
            case Q4_K -> {
              bb.putShort(off, Float.floatToFloat16(target / (4.6f * 32f)));
              bb.putShort(off + 2, Float.floatToFloat16(target / (7.5f * 32f)));
            }
            case Q6_K -> {
              // { ql[128], qh[64], int8 scales[16], f16 d }: q - 32 has a deviation of about 18.5
              for (int i = 0; i < 16; i++) {
                row[off + 192 + i] = 16;
              }
              bb.putShort(off + 208, Float.floatToFloat16(target / (16f * 18.5f)));
            }
            default -> throw new IllegalArgumentException("synthetic models are not written in " + type);
          }
        }
      }
      o.write(row);
    }
  }
}
