package io.nootropic.inference.internal.tokenizer;

/// Open-addressing map from strings to non-negative ints that can be queried with a range of any
/// [CharSequence] without allocating a substring. Later `put`s of the same key overwrite earlier
/// ones. Not thread-safe for writes; safe to read concurrently once filled.
final class TextIntMap {

  private String[] keys;
  private int[] values;
  private int[] hashes;
  private int size;
  private int mask;

  TextIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    keys = new String[cap];
    values = new int[cap];
    hashes = new int[cap];
    mask = cap - 1;
  }

  int size() {
    return size;
  }

  static int hash(CharSequence s, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + s.charAt(i);
    }
    return mix(h);
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }

  void put(String key, int value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int h = hash(key, 0, key.length());
    int i = h & mask;
    while (keys[i] != null) {
      if (hashes[i] == h && keys[i].equals(key)) {
        values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    hashes[i] = h;
    size++;
  }

  /// Adds `key` only if absent; returns the value now stored.
  int putIfAbsent(String key, int value) {
    int existing = get(key);
    if (existing >= 0) {
      return existing;
    }
    put(key, value);
    return value;
  }

  int get(CharSequence key) {
    return get(key, 0, key.length());
  }

  /// The value of the key equal to `s[start, end)`, or -1.
  int get(CharSequence s, int start, int end) {
    int h = hash(s, start, end);
    int len = end - start;
    int i = h & mask;
    String k;
    while ((k = keys[i]) != null) {
      if (hashes[i] == h && k.length() == len && regionEquals(k, s, start)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /// The raw (unmixed) polynomial hash of `s[start, end)`; combine two with [#concat].
  static int rawHash(CharSequence s, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + s.charAt(i);
    }
    return h;
  }

  /// Looks up `s[start, end)` whose [#rawHash] is already known.
  int getRaw(int rawHash, String s, int start, int end) {
    int h = mix(rawHash);
    int len = end - start;
    int i = h & mask;
    String k;
    while ((k = keys[i]) != null) {
      if (hashes[i] == h && k.length() == len && s.regionMatches(start, k, 0, len)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /// Looks up `s` without its char at `gap` (a BPE merge "left right" as the merged string), whose
  /// [#rawHash] is already known.
  int getWithout(int rawHash, String s, int gap) {
    int h = mix(rawHash);
    int len = s.length() - 1;
    int i = h & mask;
    String k;
    while ((k = keys[i]) != null) {
      if (hashes[i] == h && k.length() == len && k.regionMatches(0, s, 0, gap)
          && k.regionMatches(gap, s, gap + 1, len - gap)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  private static boolean regionEquals(String k, CharSequence s, int start) {
    if (s instanceof String str) {
      return str.regionMatches(start, k, 0, k.length());
    }
    for (int j = 0; j < k.length(); j++) {
      if (k.charAt(j) != s.charAt(start + j)) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldValues = values;
    int[] oldHashes = hashes;
    int cap = oldKeys.length << 1;
    keys = new String[cap];
    values = new int[cap];
    hashes = new int[cap];
    mask = cap - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != null) {
        int i = oldHashes[j] & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
        hashes[i] = oldHashes[j];
      }
    }
  }
}
