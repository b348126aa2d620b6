package io.nootropic.inference.internal.tokenizer;

import java.util.Arrays;

/// A binary min-heap of bigram candidates ordered by a 63-bit key (priority first, then the left
/// symbol index), carrying four int fields. After [#pop()], the popped entry's fields are in
/// [#left], [#right], [#a] and [#b].
final class BigramQueue {

  private long[] keys = new long[64];
  private int[] ls = new int[64];
  private int[] rs = new int[64];
  private int[] as = new int[64];
  private int[] bs = new int[64];
  private int size;

  int left;
  int right;
  int a;
  int b;

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    size = 0;
  }

  void push(long key, int l, int r, int fa, int fb) {
    if (size == keys.length) {
      int cap = size * 2;
      keys = Arrays.copyOf(keys, cap);
      ls = Arrays.copyOf(ls, cap);
      rs = Arrays.copyOf(rs, cap);
      as = Arrays.copyOf(as, cap);
      bs = Arrays.copyOf(bs, cap);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (keys[parent] <= key) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    keys[i] = key;
    ls[i] = l;
    rs[i] = r;
    as[i] = fa;
    bs[i] = fb;
  }

  void pop() {
    left = ls[0];
    right = rs[0];
    a = as[0];
    b = bs[0];
    int last = --size;
    if (last == 0) {
      return;
    }
    long key = keys[last];
    int l = ls[last];
    int r = rs[last];
    int fa = as[last];
    int fb = bs[last];
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int rc = child + 1;
      if (rc < size && keys[rc] < keys[child]) {
        child = rc;
      }
      if (key <= keys[child]) {
        break;
      }
      move(child, i);
      i = child;
    }
    keys[i] = key;
    ls[i] = l;
    rs[i] = r;
    as[i] = fa;
    bs[i] = fb;
  }

  private void move(int from, int to) {
    keys[to] = keys[from];
    ls[to] = ls[from];
    rs[to] = rs[from];
    as[to] = as[from];
    bs[to] = bs[from];
  }
}
