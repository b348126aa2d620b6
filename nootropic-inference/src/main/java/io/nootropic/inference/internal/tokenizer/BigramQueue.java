package io.nootropic.inference.internal.tokenizer;

import java.util.Arrays;

/// A binary min-heap of merge candidates: a 63-bit ordering key (priority first, then the left
/// symbol's index in the low 31 bits) and one long of payload. After [#pop()], the popped entry
/// is in [#key] and [#value]. Two parallel arrays keep sift-downs cache-friendly.
final class BigramQueue {

  private long[] keys = new long[64];
  private long[] values = new long[64];
  private int size;

  long key;
  long value;

  boolean isEmpty() {
    return size == 0;
  }

  /// The left symbol index stored in the low 31 bits of the popped key.
  int left() {
    return (int) (key & 0x7fffffffL);
  }

  void push(long k, long v) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      long pk = keys[parent];
      if (pk <= k) {
        break;
      }
      keys[i] = pk;
      values[i] = values[parent];
      i = parent;
    }
    keys[i] = k;
    values[i] = v;
  }

  void pop() {
    key = keys[0];
    value = values[0];
    int last = --size;
    if (last == 0) {
      return;
    }
    long k = keys[last];
    long v = values[last];
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      long ck = keys[child];
      int rc = child + 1;
      if (rc < size && keys[rc] < ck) {
        child = rc;
        ck = keys[rc];
      }
      if (k <= ck) {
        break;
      }
      keys[i] = ck;
      values[i] = values[child];
      i = child;
    }
    keys[i] = k;
    values[i] = v;
  }
}
