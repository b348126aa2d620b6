package io.nootropic.inference.transformer;

import io.nootropic.inference.gguf.GgmlType;
import io.nootropic.inference.gguf.GgufWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/// A small random-weight transformer written as GGUF with [GgufWriter], plus the float values of
/// every weight (as the file stores them) for the reference implementation.
final class SyntheticModel {

  String arch = "llama";
  int dim = 64;
  int layers = 2;
  int heads = 4;
  int kvHeads = 2;
  int headDim = 16;
  int ffn = 96;
  int vocab = 50;
  int ctx = 256;
  float eps = 1e-5f;
  float ropeBase = 10000f;
  float linearRopeFactor = 1f;
  boolean tied;
  boolean ropeFreqs;
  boolean explicitHeadDim;
  GgmlType matrixType = GgmlType.F32;
  final Map<String, float[]> values = new HashMap<>();

  boolean qkvBias() {
    return arch.equals("qwen2");
  }

  boolean qkNorm() {
    return arch.equals("qwen3");
  }

  boolean neox() {
    return !arch.equals("llama");
  }

  Path write(Path dir, long seed) throws IOException {
    Random rnd = new Random(seed);
    GgufWriter w = GgufWriter.create();
    String p = arch + ".";
    w.put("general.architecture", arch);
    w.putUint32(p + "context_length", ctx);
    w.putUint32(p + "embedding_length", dim);
    w.putUint32(p + "block_count", layers);
    w.putUint32(p + "feed_forward_length", ffn);
    w.putUint32(p + "attention.head_count", heads);
    w.putUint32(p + "attention.head_count_kv", kvHeads);
    if (explicitHeadDim) {
      w.putUint32(p + "attention.key_length", headDim);
      w.putUint32(p + "attention.value_length", headDim);
    }
    w.putFloat32(p + "attention.layer_norm_rms_epsilon", eps);
    w.putFloat32(p + "rope.freq_base", ropeBase);
    if (linearRopeFactor != 1f) {
      w.put(p + "rope.scaling.type", "linear");
      w.putFloat32(p + "rope.scaling.factor", linearRopeFactor);
    }
    int q = heads * headDim;
    int kv = kvHeads * headDim;
    matrix(w, "token_embd.weight", vocab, dim, rnd, 1.0);
    vector(w, "output_norm.weight", dim, rnd, true);
    if (!tied) {
      matrix(w, "output.weight", vocab, dim, rnd, 0.2);
    }
    if (ropeFreqs) {
      float[] f = new float[headDim / 2];
      for (int i = 0; i < f.length; i++) {
        f[i] = 1f + 7f * rnd.nextFloat();
      }
      addF32(w, "rope_freqs.weight", new long[] {f.length}, f);
    }
    for (int l = 0; l < layers; l++) {
      String b = "blk." + l + ".";
      vector(w, b + "attn_norm.weight", dim, rnd, true);
      matrix(w, b + "attn_q.weight", q, dim, rnd, 0.3);
      matrix(w, b + "attn_k.weight", kv, dim, rnd, 0.3);
      matrix(w, b + "attn_v.weight", kv, dim, rnd, 0.3);
      if (qkvBias()) {
        vector(w, b + "attn_q.bias", q, rnd, false);
        vector(w, b + "attn_k.bias", kv, rnd, false);
        vector(w, b + "attn_v.bias", kv, rnd, false);
      }
      if (qkNorm()) {
        vector(w, b + "attn_q_norm.weight", headDim, rnd, true);
        vector(w, b + "attn_k_norm.weight", headDim, rnd, true);
      }
      matrix(w, b + "attn_output.weight", dim, q, rnd, 0.3);
      vector(w, b + "ffn_norm.weight", dim, rnd, true);
      matrix(w, b + "ffn_gate.weight", ffn, dim, rnd, 0.3);
      matrix(w, b + "ffn_up.weight", ffn, dim, rnd, 0.3);
      matrix(w, b + "ffn_down.weight", dim, ffn, rnd, 0.3);
    }
    Path file = dir.resolve(arch + "-" + seed + ".gguf");
    w.write(file);
    return file;
  }

  private void vector(GgufWriter w, String name, int n, Random rnd, boolean aroundOne) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = aroundOne ? 0.5f + rnd.nextFloat() : (float) (rnd.nextGaussian() * 0.1);
    }
    addF32(w, name, new long[] {n}, v);
  }

  private void addF32(GgufWriter w, String name, long[] shape, float[] v) {
    ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      bb.putFloat(f);
    }
    w.addTensor(name, GgmlType.F32, shape, bb.array());
    values.put(name, v);
  }

  /// `(rows, cols)` matrix, ggml shape `[cols, rows]`; Q8_0 blocks are quantized here and the
  /// reference keeps the dequantized values `d * q`.
  private void matrix(GgufWriter w, String name, int rows, int cols, Random rnd, double scale) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rnd.nextGaussian() * scale / Math.sqrt(cols) * 4);
    }
    if (matrixType == GgmlType.F32 || name.equals("token_embd.weight")) {
      addF32(w, name, new long[] {cols, rows}, v);
      return;
    }
    if (matrixType != GgmlType.Q8_0) {
      throw new IllegalArgumentException("test writes F32 or Q8_0 only");
    }
    ByteBuffer bb = ByteBuffer.allocate(v.length / 32 * 34).order(ByteOrder.LITTLE_ENDIAN);
    float[] deq = new float[v.length];
    for (int b = 0; b < v.length / 32; b++) {
      float amax = 0;
      for (int i = 0; i < 32; i++) {
        amax = Math.max(amax, Math.abs(v[b * 32 + i]));
      }
      short dh = Float.floatToFloat16(amax / 127f);
      float d = Float.float16ToFloat(dh);
      bb.putShort(dh);
      for (int i = 0; i < 32; i++) {
        int qv = d == 0 ? 0 : Math.round(v[b * 32 + i] / d);
        qv = Math.max(-127, Math.min(127, qv));
        bb.put((byte) qv);
        deq[b * 32 + i] = d * qv;
      }
    }
    w.addTensor(name, GgmlType.Q8_0, new long[] {cols, rows}, bb.array());
    values.put(name, deq);
  }
}
