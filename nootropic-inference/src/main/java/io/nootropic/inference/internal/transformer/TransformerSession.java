package io.nootropic.inference.internal.transformer;

import io.nootropic.api.model.ModelException;
import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.internal.kernel.FloatOps;
import io.nootropic.inference.internal.kernel.Parallel;
import io.nootropic.inference.internal.kernel.WeightTensor;
import io.nootropic.inference.transformer.ContextLengthException;
import io.nootropic.inference.transformer.InferenceSession;
import io.nootropic.inference.transformer.ModelConfig;

/// The forward pass of a Llama-block transformer over a batch of tokens, with its KV cache.
///
/// Every buffer is allocated here, once: a decode step allocates nothing. Matrix products and
/// attention run on the model's [Parallel] pool through reusable tasks; element-wise work (norms,
/// RoPE, residuals) runs on the calling thread. Numerics follow ggml's CPU backend where it matters
/// for matching llama.cpp: RMSNorm sums squares in double, softmax sums exponentials in double, RoPE
/// angles are built by repeated float multiplication, and K/V are rounded to f16 precision as
/// llama.cpp's default f16 KV cache does (see [#F16_KV]).
final class TransformerSession implements InferenceSession {

  /// System property: `false` keeps K/V in full float precision instead of rounding them to f16
  /// (llama.cpp's default cache type) as they enter the cache.
  static final boolean F16_KV = !"false".equals(System.getProperty("nootropic.kv.f16"));

  private static final int MAX_BATCH = 128;
  private static final int MATMUL_GRAIN = 16;

  private final ModelConfig c;
  private final TransformerWeights w;
  private final Parallel pool;
  private final GgufFile file;
  private final int contextLength;
  private final int maxBatch;
  private final int dim;
  private final int qDim;
  private final int kvDim;
  private final int headDim;
  private final int ffn;
  private final int ropeHalf;

  // KV cache: (layer, position, kv_dim)
  private float[][] keyCache;
  private float[][] valueCache;

  // activations of a batch, token-major: (batch, width)
  private final float[] x;       // residual stream (batch, dim)
  private final float[] xb;      // normed input (batch, dim)
  private final float[] xb2;     // projection output (batch, dim)
  private final float[] q;       // (batch, n_heads * head_dim)
  private final float[] k;       // (batch, n_kv_heads * head_dim)
  private final float[] v;       // (batch, n_kv_heads * head_dim)
  private final float[] attOut;  // (batch, n_heads * head_dim)
  private final float[] hb;      // (batch, ffn)
  private final float[] hb2;     // (batch, ffn)
  private final float[] ropeCos; // (batch, rope_dims / 2)
  private final float[] ropeSin;
  private final float[] logits;  // (vocab)
  private final float[][] scratch; // per worker, for the kernels
  private final float[][] scores;  // per worker, (context)
  private final float[][] qHead;   // per worker, (head_dim)
  private final int[] one = new int[1];

  private int position;
  private boolean closed;

  // arguments of the reusable tasks
  private final Parallel.RangeTask matmulTask = this::runMatmul;
  private final Parallel.RangeTask attentionTask = this::runAttention;
  private WeightTensor m0;
  private WeightTensor m1;
  private WeightTensor m2;
  private float[] o0;
  private float[] o1;
  private float[] o2;
  private float[] mIn;
  private int mBatch;
  private int attLayer;
  private int attBatch;

  TransformerSession(TransformerModel model, int contextLength) {
    this.c = model.config;
    this.w = model.weights;
    this.pool = model.pool;
    this.file = model.file;
    this.contextLength = contextLength;
    this.maxBatch = Math.min(MAX_BATCH, contextLength);
    this.dim = c.embeddingLength();
    this.qDim = c.queryDim();
    this.kvDim = c.kvDim();
    this.headDim = c.headDim();
    this.ffn = c.feedForwardLength();
    this.ropeHalf = c.ropeDimensionCount() / 2;
    keyCache = new float[c.blockCount()][contextLength * kvDim];
    valueCache = new float[c.blockCount()][contextLength * kvDim];
    x = new float[maxBatch * dim];
    xb = new float[maxBatch * dim];
    xb2 = new float[maxBatch * dim];
    q = new float[maxBatch * qDim];
    k = new float[maxBatch * kvDim];
    v = new float[maxBatch * kvDim];
    attOut = new float[maxBatch * qDim];
    hb = new float[maxBatch * ffn];
    hb2 = new float[maxBatch * ffn];
    ropeCos = new float[maxBatch * ropeHalf];
    ropeSin = new float[maxBatch * ropeHalf];
    logits = new float[c.vocabSize()];
    int scratchSize = Math.max(w.output.scratchSize(), w.tokenEmbedding.scratchSize());
    for (TransformerWeights.Layer l : w.layers) {
      scratchSize = Math.max(scratchSize, Math.max(l.wq.scratchSize(), l.wk.scratchSize()));
      scratchSize = Math.max(scratchSize, Math.max(l.wv.scratchSize(), l.wo.scratchSize()));
      scratchSize = Math.max(scratchSize, Math.max(l.gate.scratchSize(), l.up.scratchSize()));
      scratchSize = Math.max(scratchSize, l.down.scratchSize());
    }
    scratch = new float[pool.threads()][scratchSize];
    scores = new float[pool.threads()][contextLength];
    qHead = new float[pool.threads()][headDim];
  }

  @Override
  public int position() {
    return position;
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  @Override
  public float[] ingest(int[] tokens) {
    checkOpen();
    if (tokens == null || tokens.length == 0) {
      throw new ModelException("no tokens to ingest");
    }
    if (tokens.length > contextLength - position) {
      throw new ContextLengthException(tokens.length + " tokens do not fit: " + position + " of "
          + contextLength + " context positions are used");
    }
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] < 0 || tokens[i] >= c.vocabSize()) {
        throw new ModelException("token id " + tokens[i] + " at index " + i + " is outside the vocabulary [0, "
            + c.vocabSize() + ")");
      }
    }
    try {
      for (int off = 0; off < tokens.length; off += maxBatch) {
        int n = Math.min(maxBatch, tokens.length - off);
        forward(tokens, off, n, off + n == tokens.length);
      }
    } catch (InternalError e) {
      // the mapped weights faulted: the file was truncated or replaced while in use
      throw file.translate(e);
    }
    return logits;
  }

  @Override
  public float[] next(int token) {
    one[0] = token;
    return ingest(one);
  }

  @Override
  public void rewind(int newPosition) {
    checkOpen();
    if (newPosition < 0 || newPosition > position) {
      throw new ModelException("cannot rewind to " + newPosition + ": the cache holds " + position + " tokens");
    }
    position = newPosition;
  }

  @Override
  public void close() {
    closed = true;
    keyCache = null;
    valueCache = null;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("session is closed");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // forward pass of tokens[off, off + n) at positions [position, position + n)

  private void forward(int[] tokens, int off, int n, boolean wantLogits) {
    float eps = c.rmsNormEps();
    // token embeddings: x[t] = token_embd[token]   (n, dim)
    for (int t = 0; t < n; t++) {
      w.tokenEmbedding.dequantizeRow(tokens[off + t], x, t * dim);
    }
    ropeTables(n);
    for (int li = 0; li < w.layers.length; li++) {
      TransformerWeights.Layer l = w.layers[li];
      // attention block: xb = rmsnorm(x) * attn_norm
      for (int t = 0; t < n; t++) {
        rmsnorm(xb, t * dim, x, t * dim, l.attnNorm, dim, eps);
      }
      // q = xb @ Wq^T (n, q_dim); k, v = xb @ Wk^T, xb @ Wv^T (n, kv_dim)
      matmul3(l.wq, q, l.wk, k, l.wv, v, xb, n);
      if (l.bq != null) {
        addBias(q, l.bq, n, qDim);
        addBias(k, l.bk, n, kvDim);
        addBias(v, l.bv, n, kvDim);
      }
      if (l.qNorm != null) {
        // per-head RMSNorm of q and k (qwen3)
        for (int h = 0; h < n * c.headCount(); h++) {
          rmsnorm(q, h * headDim, q, h * headDim, l.qNorm, headDim, eps);
        }
        for (int h = 0; h < n * c.headCountKv(); h++) {
          rmsnorm(k, h * headDim, k, h * headDim, l.kNorm, headDim, eps);
        }
      }
      for (int t = 0; t < n; t++) {
        rope(q, t * qDim, c.headCount(), t);
        rope(k, t * kvDim, c.headCountKv(), t);
      }
      // append k, v to the cache at positions [position, position + n)
      float[] kc = keyCache[li];
      float[] vc = valueCache[li];
      int base = position * kvDim;
      if (F16_KV) {
        for (int i = 0; i < n * kvDim; i++) {
          kc[base + i] = Float.float16ToFloat(Float.floatToFloat16(k[i]));
          vc[base + i] = Float.float16ToFloat(Float.floatToFloat16(v[i]));
        }
      } else {
        System.arraycopy(k, 0, kc, base, n * kvDim);
        System.arraycopy(v, 0, vc, base, n * kvDim);
      }
      // attOut = softmax(q k^T / sqrt(head_dim)) v, causal, per (token, head)
      attLayer = li;
      attBatch = n;
      pool.parallelFor(n * c.headCount(), 1, attentionTask);
      // x += attOut @ Wo^T   (n, dim)
      matmul3(l.wo, xb2, null, null, null, null, attOut, n);
      addInPlace(x, xb2, n * dim);
      // feed-forward: x += (silu(xb @ Wgate^T) * (xb @ Wup^T)) @ Wdown^T
      for (int t = 0; t < n; t++) {
        rmsnorm(xb, t * dim, x, t * dim, l.ffnNorm, dim, eps);
      }
      matmul3(l.gate, hb, l.up, hb2, null, null, xb, n);
      for (int i = 0; i < n * ffn; i++) {
        float g = hb[i];
        hb[i] = g / (1.0f + (float) Math.exp(-g)) * hb2[i];
      }
      matmul3(l.down, xb2, null, null, null, null, hb, n);
      addInPlace(x, xb2, n * dim);
    }
    position += n;
    if (wantLogits) {
      // logits of the last token: rmsnorm(x[n-1]) * output_norm @ Wout^T   (vocab)
      rmsnorm(xb, 0, x, (n - 1) * dim, w.outputNorm, dim, eps);
      matmul3(w.output, logits, null, null, null, null, xb, 1);
    }
  }

  /// RMSNorm as ggml computes it: mean of squares summed in double, `1/sqrtf(mean + eps)` in float,
  /// `(x * scale) * weight`. `out` may alias `in`.
  static void rmsnorm(float[] out, int outOff, float[] in, int inOff, float[] weight, int n, float eps) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      float xi = in[inOff + i];
      sum += xi * xi;
    }
    float mean = (float) (sum / n);
    float scale = 1.0f / (float) Math.sqrt(mean + eps);
    for (int i = 0; i < n; i++) {
      out[outOff + i] = (in[inOff + i] * scale) * weight[i];
    }
  }

  private static void addBias(float[] a, float[] bias, int n, int width) {
    for (int t = 0; t < n; t++) {
      int o = t * width;
      for (int i = 0; i < width; i++) {
        a[o + i] += bias[i];
      }
    }
  }

  private static void addInPlace(float[] a, float[] b, int count) {
    for (int i = 0; i < count; i++) {
      a[i] += b[i];
    }
  }

  /// cos/sin of every rotated pair for the batch positions, as ggml's rope cache builds them:
  /// `theta_i = freq_scale * p * base^(-2i/d) / factor_i`, the power built by repeated float products.
  private void ropeTables(int n) {
    float thetaScale = (float) Math.pow(c.ropeFreqBase(), -2.0 / c.ropeDimensionCount());
    float[] factors = w.ropeFreqFactors;
    for (int t = 0; t < n; t++) {
      float theta = position + t;
      for (int i = 0; i < ropeHalf; i++) {
        float ff = factors == null ? 1.0f : factors[i];
        float angle = c.ropeFreqScale() * (theta / ff);
        ropeCos[t * ropeHalf + i] = (float) Math.cos(angle);
        ropeSin[t * ropeHalf + i] = (float) Math.sin(angle);
        theta *= thetaScale;
      }
    }
  }

  /// Rotates the first `rope_dims` dimensions of each of `heads` heads at `a[off..]` for batch token `t`.
  private void rope(float[] a, int off, int heads, int t) {
    int tc = t * ropeHalf;
    boolean neox = c.ropeNeox();
    for (int h = 0; h < heads; h++) {
      int ho = off + h * headDim;
      for (int i = 0; i < ropeHalf; i++) {
        int i0 = neox ? ho + i : ho + 2 * i;
        int i1 = neox ? ho + i + ropeHalf : ho + 2 * i + 1;
        float cos = ropeCos[tc + i];
        float sin = ropeSin[tc + i];
        float x0 = a[i0];
        float x1 = a[i1];
        a[i0] = x0 * cos - x1 * sin;
        a[i1] = x0 * sin + x1 * cos;
      }
    }
  }

  /// Up to three products sharing one input, dispatched as one parallel range over their rows.
  private void matmul3(WeightTensor a, float[] outA, WeightTensor b, float[] outB, WeightTensor d, float[] outD,
                       float[] in, int n) {
    m0 = a;
    o0 = outA;
    m1 = b;
    o1 = outB;
    m2 = d;
    o2 = outD;
    mIn = in;
    mBatch = n;
    int rows = a.rows + (b == null ? 0 : b.rows) + (d == null ? 0 : d.rows);
    pool.parallelFor(rows, MATMUL_GRAIN, matmulTask);
    m0 = null;
    m1 = null;
    m2 = null;
  }

  private void runMatmul(int from, int to, int worker) {
    float[] s = scratch[worker];
    int base = 0;
    WeightTensor t = m0;
    float[] out = o0;
    for (int i = 0; i < 3 && t != null; i++) {
      int lo = Math.max(from, base);
      int hi = Math.min(to, base + t.rows);
      if (lo < hi) {
        t.matmul(mIn, mBatch, out, t.rows, lo - base, hi - base, s);
      }
      base += t.rows;
      t = i == 0 ? m1 : m2;
      out = i == 0 ? o1 : o2;
    }
  }

  private void runAttention(int from, int to, int worker) {
    float[] att = scores[worker];
    float[] kc = keyCache[attLayer];
    float[] vc = valueCache[attLayer];
    int heads = c.headCount();
    int group = heads / c.headCountKv();
    float scale = 1.0f / (float) Math.sqrt(headDim);
    for (int i = from; i < to; i++) {
      int t = i / heads;
      int h = i % heads;
      int kvOff = (h / group) * headDim;
      int qOff = t * qDim + h * headDim;
      int last = position + t;              // attends to positions [0, last]
      float[] qh = qHead[worker];
      if (F16_KV) {
        for (int d = 0; d < headDim; d++) {
          qh[d] = Float.float16ToFloat(Float.floatToFloat16(q[qOff + d]));
        }
      } else {
        System.arraycopy(q, qOff, qh, 0, headDim);
      }
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j <= last; j++) {
        float s = FloatOps.dot(qh, 0, kc, j * kvDim + kvOff, headDim) * scale;
        att[j] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      for (int j = 0; j <= last; j++) {
        float e = (float) Math.exp(att[j] - max);
        att[j] = e;
        sum += e;
      }
      float inv = (float) (1.0 / sum);
      int outOff = t * qDim + h * headDim;
      java.util.Arrays.fill(attOut, outOff, outOff + headDim, 0f);
      for (int j = 0; j <= last; j++) {
        float p = att[j] * inv;
        if (F16_KV) {
          p = Float.float16ToFloat(Float.floatToFloat16(p));
        }
        FloatOps.axpy(p, vc, j * kvDim + kvOff, attOut, outOff, headDim);
      }
    }
  }
}
