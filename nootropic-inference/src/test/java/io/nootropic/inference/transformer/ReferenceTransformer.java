package io.nootropic.inference.transformer;

/// A plain, unoptimised transformer written from the model definition (double accumulation
/// everywhere, RoPE angles from `Math.pow`), used as the oracle for the engine's forward pass.
///
/// It rounds K, V, the query and the attention weights to f16 precision exactly where llama.cpp's
/// default f16 KV cache does (and so does the engine), so the two compute the same function.
final class ReferenceTransformer {

  private final SyntheticModel m;
  private final float[][] keys;    // (layer, pos * kvDim)
  private final float[][] vals;
  private int pos;

  ReferenceTransformer(SyntheticModel m) {
    this.m = m;
    keys = new float[m.layers][m.ctx * m.kvHeads * m.headDim];
    vals = new float[m.layers][m.ctx * m.kvHeads * m.headDim];
  }

  private static float f16(float x) {
    return Float.float16ToFloat(Float.floatToFloat16(x));
  }

  private float[] w(String name) {
    return m.values.get(name);
  }

  private static float[] matvec(float[] w, float[] x, int rows, int cols) {
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int c = 0; c < cols; c++) {
        s += (double) w[r * cols + c] * x[c];
      }
      out[r] = (float) s;
    }
    return out;
  }

  private static float[] rmsnorm(float[] x, int off, int n, float[] weight, float eps) {
    double ss = 0;
    for (int i = 0; i < n; i++) {
      ss += (double) x[off + i] * x[off + i];
    }
    double scale = 1.0 / Math.sqrt(ss / n + eps);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (x[off + i] * scale * weight[i]);
    }
    return out;
  }

  private void rope(float[] v, int off, int p) {
    int d = m.headDim;
    float[] factors = m.ropeFreqs ? w("rope_freqs.weight") : null;
    for (int i = 0; i < d / 2; i++) {
      double freq = Math.pow(m.ropeBase, -2.0 * i / d) / (factors == null ? 1 : factors[i]);
      double angle = p * freq / m.linearRopeFactor;
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      int a = m.neox() ? off + i : off + 2 * i;
      int b = m.neox() ? off + i + d / 2 : off + 2 * i + 1;
      double x0 = v[a];
      double x1 = v[b];
      v[a] = (float) (x0 * cos - x1 * sin);
      v[b] = (float) (x0 * sin + x1 * cos);
    }
  }

  /// Logits after appending `token`.
  float[] step(int token) {
    int dim = m.dim;
    int hd = m.headDim;
    int qDim = m.heads * hd;
    int kvDim = m.kvHeads * hd;
    float[] x = new float[dim];
    System.arraycopy(w("token_embd.weight"), token * dim, x, 0, dim);
    for (int l = 0; l < m.layers; l++) {
      String b = "blk." + l + ".";
      float[] h = rmsnorm(x, 0, dim, w(b + "attn_norm.weight"), m.eps);
      float[] q = matvec(w(b + "attn_q.weight"), h, qDim, dim);
      float[] k = matvec(w(b + "attn_k.weight"), h, kvDim, dim);
      float[] v = matvec(w(b + "attn_v.weight"), h, kvDim, dim);
      if (m.qkvBias()) {
        for (int i = 0; i < qDim; i++) {
          q[i] += w(b + "attn_q.bias")[i];
        }
        for (int i = 0; i < kvDim; i++) {
          k[i] += w(b + "attn_k.bias")[i];
          v[i] += w(b + "attn_v.bias")[i];
        }
      }
      for (int hh = 0; hh < m.heads; hh++) {
        if (m.qkNorm()) {
          System.arraycopy(rmsnorm(q, hh * hd, hd, w(b + "attn_q_norm.weight"), m.eps), 0, q, hh * hd, hd);
        }
        rope(q, hh * hd, pos);
      }
      for (int hh = 0; hh < m.kvHeads; hh++) {
        if (m.qkNorm()) {
          System.arraycopy(rmsnorm(k, hh * hd, hd, w(b + "attn_k_norm.weight"), m.eps), 0, k, hh * hd, hd);
        }
        rope(k, hh * hd, pos);
      }
      for (int i = 0; i < kvDim; i++) {
        keys[l][pos * kvDim + i] = f16(k[i]);
        vals[l][pos * kvDim + i] = f16(v[i]);
      }
      float[] att = new float[qDim];
      for (int hh = 0; hh < m.heads; hh++) {
        int kvh = hh / (m.heads / m.kvHeads);
        double[] s = new double[pos + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= pos; j++) {
          double dot = 0;
          for (int i = 0; i < hd; i++) {
            dot += (double) f16(q[hh * hd + i]) * keys[l][j * kvDim + kvh * hd + i];
          }
          s[j] = dot / Math.sqrt(hd);
          max = Math.max(max, s[j]);
        }
        double sum = 0;
        for (int j = 0; j <= pos; j++) {
          s[j] = Math.exp(s[j] - max);
          sum += s[j];
        }
        for (int i = 0; i < hd; i++) {
          double o = 0;
          for (int j = 0; j <= pos; j++) {
            o += f16((float) (s[j] / sum)) * (double) vals[l][j * kvDim + kvh * hd + i];
          }
          att[hh * hd + i] = (float) o;
        }
      }
      float[] o = matvec(w(b + "attn_output.weight"), att, dim, qDim);
      for (int i = 0; i < dim; i++) {
        x[i] += o[i];
      }
      h = rmsnorm(x, 0, dim, w(b + "ffn_norm.weight"), m.eps);
      float[] g = matvec(w(b + "ffn_gate.weight"), h, m.ffn, dim);
      float[] u = matvec(w(b + "ffn_up.weight"), h, m.ffn, dim);
      for (int i = 0; i < m.ffn; i++) {
        g[i] = (float) (g[i] / (1 + Math.exp(-g[i])) * u[i]);
      }
      float[] dn = matvec(w(b + "ffn_down.weight"), g, dim, m.ffn);
      for (int i = 0; i < dim; i++) {
        x[i] += dn[i];
      }
    }
    pos++;
    float[] h = rmsnorm(x, 0, dim, w("output_norm.weight"), m.eps);
    return matvec(w(m.tied ? "token_embd.weight" : "output.weight"), h, m.vocab, dim);
  }
}
