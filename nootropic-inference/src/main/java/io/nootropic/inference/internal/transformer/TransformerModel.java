package io.nootropic.inference.internal.transformer;

import io.nootropic.inference.gguf.GgufFile;
import io.nootropic.inference.internal.kernel.Parallel;
import io.nootropic.inference.internal.kernel.VectorizationProvider;
import io.nootropic.inference.transformer.ContextLengthException;
import io.nootropic.inference.transformer.InferenceSession;
import io.nootropic.inference.transformer.LanguageModel;
import io.nootropic.inference.transformer.ModelConfig;

/// A loaded Llama-block transformer: configuration, weights (views of the mapped file) and the
/// kernel thread pool shared by its sessions.
final class TransformerModel implements LanguageModel {

  final GgufFile file;
  private final boolean ownsFile;
  final ModelConfig config;
  final TransformerWeights weights;
  final Parallel pool;
  private volatile boolean closed;

  TransformerModel(GgufFile file, boolean ownsFile, ModelConfig config, TransformerWeights weights, int threads) {
    this.file = file;
    this.ownsFile = ownsFile;
    this.config = config;
    this.weights = weights;
    this.pool = new Parallel(threads);
  }

  @Override
  public ModelConfig config() {
    return config;
  }

  @Override
  public long parameterCount() {
    return weights.parameterCount;
  }

  @Override
  public long weightBytes() {
    return weights.weightBytes;
  }

  @Override
  public String backend() {
    return VectorizationProvider.ENABLED
        ? "CPU Java Vector API " + VectorizationProvider.BIT_SIZE + "-bit" : "CPU Java scalar";
  }

  @Override
  public int threads() {
    return pool.threads();
  }

  @Override
  public InferenceSession newSession(int contextLength) {
    if (closed) {
      throw new IllegalStateException("model is closed");
    }
    if (contextLength < 1 || contextLength > config.contextLength()) {
      throw new ContextLengthException("requested context of " + contextLength + " tokens is not in [1, "
          + config.contextLength() + "] (the model's context length)");
    }
    long kvFloats = (long) contextLength * config.kvDim();
    if (kvFloats > Integer.MAX_VALUE - 16) {
      throw new ContextLengthException("KV cache of " + contextLength + " tokens x " + config.kvDim()
          + " floats per layer is too large");
    }
    long kvBytes = 2L * config.blockCount() * kvFloats * Float.BYTES;
    Runtime rt = Runtime.getRuntime();
    long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (kvBytes > available) {
      throw new ContextLengthException("KV cache for " + contextLength + " tokens needs " + (kvBytes >> 20)
          + " MiB, the heap has about " + (available >> 20) + " MiB free");
    }
    return new TransformerSession(this, contextLength);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pool.close();
    if (ownsFile) {
      file.close();
    }
  }
}
