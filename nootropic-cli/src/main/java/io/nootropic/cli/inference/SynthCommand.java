package io.nootropic.cli.inference;

import io.nootropic.inference.gguf.GgmlType;
import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.gguf.GgufWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/// `nootropic synth`: writes a model of a real architecture shape with random weights and the
/// tokenizer of a vocab-only GGUF, so throughput can be measured without downloading weights.
///
/// Every 2-D weight (including the tied token embedding) is stored in the requested type, with
/// random quants and scales chosen so each row has a standard deviation of about `1/sqrt(cols)`;
/// norms are 1 and biases 0. As llama.cpp does, `q4_k` falls back to `Q5_0` (and `Q6_K` to `Q8_0`)
/// for tensors whose rows are not a multiple of 256. `q4_k_m` mixes types the way llama.cpp's
/// Q4_K_M files do: `Q6_K` for the output matrix (the token embedding when it is tied),
/// and for `attn_v` and `ffn_down` in the first and last eighth of the layers and every third layer
/// between; `Q4_K` elsewhere. Tensors are streamed, so memory use stays small.
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Write a random-weight model of a real shape with a tokenizer copied from a vocab GGUF.")
public final class SynthCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--shape", required = true, paramLabel = "SHAPE",
      description = "llama-3.2-1b, qwen2.5-0.5b or tiny (a 4-layer llama).")
  String shape;

  @Option(names = "--type", required = true, paramLabel = "TYPE", description = "q4_0, q8_0, q4_k, q4_k_m (llama.cpp's Q4_K/Q6_K mix) or f16.")
  String type;

  @Option(names = "--vocab", required = true, paramLabel = "FILE", description = "Vocab-only GGUF whose tokenizer.* keys are copied.")
  Path vocab;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "GGUF file to write.")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print a JSON summary instead of text.")
  boolean json;

  /// Hyper-parameters of a shape.
  record Shape(String arch, int dim, int ffn, int layers, int heads, int kvHeads, int ctx, float ropeBase,
               float eps, boolean qkvBias, boolean llama3Rope) { }

  static Shape shape(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "llama-3.2-1b" -> new Shape("llama", 2048, 8192, 16, 32, 8, 131072, 500000f, 1e-5f, false, true);
      case "qwen2.5-0.5b" -> new Shape("qwen2", 896, 4864, 24, 14, 2, 32768, 1000000f, 1e-6f, true, false);
      case "tiny" -> new Shape("llama", 256, 768, 4, 8, 4, 2048, 10000f, 1e-5f, false, false);
      default -> null;
    };
  }

  static GgmlType type(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "q4_0" -> GgmlType.Q4_0;
      case "q8_0" -> GgmlType.Q8_0;
      case "q4_k", "q4_k_m" -> GgmlType.Q4_K;
      case "f16" -> GgmlType.F16;
      default -> null;
    };
  }

  @Override
  public Integer call() throws IOException {
    Shape s = shape(shape);
    if (s == null) {
      throw new ParameterException(spec.commandLine(), "unknown --shape " + shape + " (llama-3.2-1b, qwen2.5-0.5b, tiny)");
    }
    GgmlType t = type(type);
    if (t == null) {
      throw new ParameterException(spec.commandLine(), "unknown --type " + type + " (q4_0, q8_0, q4_k, q4_k_m, f16)");
    }
    boolean mix = type.equalsIgnoreCase("q4_k_m");
    PrintWriter err = spec.commandLine().getErr();
    GgufWriter w = GgufWriter.create();
    int vocabSize;
    try (GgufFile v = GgufFile.open(vocab)) {
      if (!v.metadata().contains("tokenizer.ggml.tokens")) {
        throw new ParameterException(spec.commandLine(), vocab + " has no tokenizer.ggml.tokens");
      }
      vocabSize = v.metadata().getStringArray("tokenizer.ggml.tokens").length;
      w.putAll(v.metadata(), k -> k.startsWith("tokenizer."));
    }
    String p = s.arch() + ".";
    int headDim = s.dim() / s.heads();
    w.put("general.architecture", s.arch());
    w.put("general.name", "nootropic synth " + shape + " " + type + " (random weights)");
    w.putUint32(p + "context_length", s.ctx());
    w.putUint32(p + "embedding_length", s.dim());
    w.putUint32(p + "block_count", s.layers());
    w.putUint32(p + "feed_forward_length", s.ffn());
    w.putUint32(p + "attention.head_count", s.heads());
    w.putUint32(p + "attention.head_count_kv", s.kvHeads());
    w.putUint32(p + "rope.dimension_count", headDim);
    w.putFloat32(p + "attention.layer_norm_rms_epsilon", s.eps());
    w.putFloat32(p + "rope.freq_base", s.ropeBase());
    w.putUint32(p + "vocab_size", vocabSize);
    long fileType = mix ? 15 : switch (t) {     // llama.cpp's llama_ftype; all-Q4_K has none
      case F16 -> 1;
      case Q4_0 -> 2;
      case Q8_0 -> 7;
      default -> -1;
    };
    if (fileType >= 0) {
      w.putUint32("general.file_type", (int) fileType);
    }

    SplittableRandom rnd = new SplittableRandom(seed);
    int q = s.heads() * headDim;
    int kv = s.kvHeads() * headDim;
    long[] params = {0};
    Adder add = (name, rows, cols) -> {
      GgmlType tt = mix ? q4kmType(name, s.layers()) : t;
      if (cols % 256 != 0) {
        tt = tt == GgmlType.Q4_K ? GgmlType.Q5_0 : tt == GgmlType.Q6_K ? GgmlType.Q8_0 : tt;
      }
      long seedOf = rnd.nextLong();
      params[0] += (long) rows * cols;
      GgmlType ft = tt;
      w.addTensor(name, ft, new long[] {cols, rows}, o -> {
        err.printf("synth: %s %s [%d, %d]%n", name, ft, cols, rows);
        err.flush();
        writeRandom(o, ft, rows, cols, new SplittableRandom(seedOf));
      });
    };
    add.add("token_embd.weight", vocabSize, s.dim());
    w.addTensor("output_norm.weight", GgmlType.F32, new long[] {s.dim()}, constant(s.dim(), 1f));
    if (s.llama3Rope()) {
      w.addTensor("rope_freqs.weight", GgmlType.F32, new long[] {headDim / 2}, llama3RopeFactors(headDim, s.ropeBase()));
    }
    for (int l = 0; l < s.layers(); l++) {
      String b = "blk." + l + ".";
      w.addTensor(b + "attn_norm.weight", GgmlType.F32, new long[] {s.dim()}, constant(s.dim(), 1f));
      add.add(b + "attn_q.weight", q, s.dim());
      add.add(b + "attn_k.weight", kv, s.dim());
      add.add(b + "attn_v.weight", kv, s.dim());
      if (s.qkvBias()) {
        w.addTensor(b + "attn_q.bias", GgmlType.F32, new long[] {q}, constant(q, 0f));
        w.addTensor(b + "attn_k.bias", GgmlType.F32, new long[] {kv}, constant(kv, 0f));
        w.addTensor(b + "attn_v.bias", GgmlType.F32, new long[] {kv}, constant(kv, 0f));
      }
      add.add(b + "attn_output.weight", s.dim(), q);
      w.addTensor(b + "ffn_norm.weight", GgmlType.F32, new long[] {s.dim()}, constant(s.dim(), 1f));
      add.add(b + "ffn_gate.weight", s.ffn(), s.dim());
      add.add(b + "ffn_up.weight", s.ffn(), s.dim());
      add.add(b + "ffn_down.weight", s.dim(), s.ffn());
    }
    w.write(out);
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.printf(Locale.ROOT, "{\"out\": \"%s\", \"shape\": \"%s\", \"type\": \"%s\", \"vocab\": %d, \"matrix_params\": %d}%n",
          out.toString().replace("\\", "\\\\").replace("\"", "\\\""), shape, mix ? "Q4_K_M" : t, vocabSize, params[0]);
    } else {
      o.printf(Locale.ROOT, "wrote %s: %s shape, %s weights, %d tokens, %.2f B matrix parameters%n",
          out, shape, mix ? "Q4_K_M" : t, vocabSize, params[0] / 1e9);
    }
    o.flush();
    return 0;
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
            default -> throw new IllegalArgumentException("synth does not write " + type);
          }
        }
      }
      o.write(row);
    }
  }
}
