package io.nootropic.inference.internal.tokenizer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/// A char trie over the special tokens' texts that finds, in one pass over a text, which of them
/// occur in it (llama.cpp then splits at each occurring one in turn; scanning the text once per
/// special token costs too much with vocabularies of thousands of added tokens).
final class SpecialTrie {

  private static final int[] NONE = new int[0];

  private static final class Node {
    char[] keys = new char[0];
    Node[] kids = new Node[0];
    int[] ends = NONE;

    Node child(char c) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] == c) {
          return kids[i];
        }
      }
      return null;
    }

    Node childOrNew(char c) {
      Node n = child(c);
      if (n == null) {
        n = new Node();
        keys = Arrays.copyOf(keys, keys.length + 1);
        kids = Arrays.copyOf(kids, kids.length + 1);
        keys[keys.length - 1] = c;
        kids[kids.length - 1] = n;
      }
      return n;
    }
  }

  private final long[] firstBits = new long[1024];
  private final Map<Character, Node> roots = new HashMap<>();
  private final int count;

  /// Builds the trie; `texts[k]` is the text of the k-th special (non-empty).
  SpecialTrie(String[] texts) {
    count = texts.length;
    for (int k = 0; k < texts.length; k++) {
      String t = texts[k];
      char first = t.charAt(0);
      firstBits[first >>> 6] |= 1L << first;
      Node node = roots.computeIfAbsent(first, c -> new Node());
      for (int i = 1; i < t.length(); i++) {
        node = node.childOrNew(t.charAt(i));
      }
      node.ends = Arrays.copyOf(node.ends, node.ends.length + 1);
      node.ends[node.ends.length - 1] = k;
    }
  }

  /// Which specials occur in `s` (indexed like the constructor's array), or null if none does.
  boolean[] present(String s) {
    boolean[] found = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if ((firstBits[c >>> 6] & (1L << c)) == 0) {
        continue;
      }
      Node node = roots.get(c);
      int j = i;
      while (node != null) {
        for (int k : node.ends) {
          if (found == null) {
            found = new boolean[count];
          }
          found[k] = true;
        }
        if (++j >= n) {
          break;
        }
        node = node.child(s.charAt(j));
      }
    }
    return found;
  }
}
