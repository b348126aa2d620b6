package io.nootropic.inference.internal.tokenizer;

import java.util.Arrays;

/// A growable list of ints without boxing.
final class IntList {

  private int[] data;
  private int size;

  IntList(int capacity) {
    data = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (size == data.length) {
      data = Arrays.copyOf(data, size * 2);
    }
    data[size++] = v;
  }

  void addAll(int[] values) {
    if (size + values.length > data.length) {
      data = Arrays.copyOf(data, Math.max(size * 2, size + values.length));
    }
    System.arraycopy(values, 0, data, size, values.length);
    size += values.length;
  }

  int get(int i) {
    return data[i];
  }

  int size() {
    return size;
  }

  int[] toArray() {
    return Arrays.copyOf(data, size);
  }
}
