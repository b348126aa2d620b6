package io.nootropic.runtime.routing;

import java.time.Duration;
import java.util.Arrays;

/// The most recent `capacity` calls of one model in ring buffers: memory is fixed at creation.
/// Thread-safe.
public final class StatsWindow {

  private final ModelRef model;
  private final long[] latencyNanos;
  private final long[] ttftNanos;     // -1: not streamed
  private final long[] outputTokens;
  private final long[] generationNanos;
  private final boolean[] failed;
  private int next;
  private int size;
  private long total;

  /// Creates a window of the given capacity.
  public StatsWindow(ModelRef model, int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
    }
    this.model = model;
    latencyNanos = new long[capacity];
    ttftNanos = new long[capacity];
    outputTokens = new long[capacity];
    generationNanos = new long[capacity];
    failed = new boolean[capacity];
  }

  /// Records a successful call.
  ///
  /// @param latency    whole call
  /// @param ttft       time to the first streamed token, or `null`
  /// @param tokens     output tokens
  /// @param generation time spent generating them (for tokens per second)
  public synchronized void success(Duration latency, Duration ttft, long tokens, Duration generation) {
    put(latency.toNanos(), ttft == null ? -1 : ttft.toNanos(), tokens, generation.toNanos(), false);
  }

  /// Records a failed call.
  public synchronized void failure(Duration latency) {
    put(latency.toNanos(), -1, 0, 0, true);
  }

  private void put(long lat, long ttft, long tokens, long gen, boolean fail) {
    latencyNanos[next] = lat;
    ttftNanos[next] = ttft;
    outputTokens[next] = tokens;
    generationNanos[next] = gen;
    failed[next] = fail;
    next = (next + 1) % latencyNanos.length;
    size = Math.min(size + 1, latencyNanos.length);
    total++;
  }

  /// A snapshot of the statistics.
  public synchronized ModelStats snapshot() {
    if (size == 0) {
      return ModelStats.empty(model);
    }
    long[] ok = new long[size];
    long[] first = new long[size];
    int nOk = 0;
    int nFirst = 0;
    int errors = 0;
    long tokens = 0;
    long gen = 0;
    for (int i = 0; i < size; i++) {
      if (failed[i]) {
        errors++;
        continue;
      }
      ok[nOk++] = latencyNanos[i];
      if (ttftNanos[i] >= 0) {
        first[nFirst++] = ttftNanos[i];
      }
      tokens += outputTokens[i];
      gen += generationNanos[i];
    }
    double tps = gen > 0 ? tokens / (gen / 1e9) : 0;
    return new ModelStats(model, size, total, errors / (double) size,
        percentile(ok, nOk, 0.50), percentile(ok, nOk, 0.95),
        percentile(first, nFirst, 0.50), percentile(first, nFirst, 0.95), tps);
  }

  /// Nearest-rank percentile of the first `n` values, or `null` when `n == 0`.
  static Duration percentile(long[] values, int n, double p) {
    if (n == 0) {
      return null;
    }
    long[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * n);
    return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
  }
}
