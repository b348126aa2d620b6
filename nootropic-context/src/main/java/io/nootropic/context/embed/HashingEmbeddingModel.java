package io.nootropic.context.embed;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.retrieval.EmbeddingModel;
import io.nootropic.context.internal.CodeAnalyzer;

/// A dependency-free embedding by the hashing trick: each code-aware term (identifiers whole and
/// split, plurals folded) adds ±1 to a bucket chosen by its hash, and the vector is L2-normalised.
/// Cosine similarity then approximates term overlap. Fast and deterministic: the fallback when
/// the ONNX model cannot run, and the model used by tests and benchmarks of the vector path.
public final class HashingEmbeddingModel implements EmbeddingModel {

  private final int dimensions;

  /// Creates a model with the given number of dimensions (at least 8).
  public HashingEmbeddingModel(int dimensions) {
    if (dimensions < 8 || dimensions > 4096) {
      throw new IllegalArgumentException("dimensions must be in [8, 4096], was " + dimensions);
    }
    this.dimensions = dimensions;
  }

  /// A 256-dimension model.
  public HashingEmbeddingModel() {
    this(256);
  }

  @Override
  public String name() {
    return "hashing-" + dimensions;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public float[] embed(String text) {
    float[] v = new float[dimensions];
    for (String term : CodeAnalyzer.terms(text)) {
      int h = mix(term.hashCode());
      int bucket = Math.floorMod(h, dimensions);
      v[bucket] += (h & 0x4000_0000) == 0 ? 1f : -1f;
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      v[0] = 1f;          // an all-zero vector has no cosine; give empty text a fixed direction
      return v;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  @Override
  public CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder("embedding." + name(), CapabilityKind.MODEL_PROVIDER)
        .version("0.1.0")
        .summary("Hashing-trick bag-of-identifiers embedding (" + dimensions + " dims, no model file)")
        .tags("embedding", "retrieval")
        .build();
  }
}
