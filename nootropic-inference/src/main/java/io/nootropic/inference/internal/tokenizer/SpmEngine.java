package io.nootropic.inference.internal.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/// SentencePiece-style tokenizer (`tokenizer.ggml.model = llama`) as llama.cpp runs it: spaces
/// become U+2581, a space is prefixed to every run of text that starts the input or follows a
/// special token (when `add_space_prefix`), then adjacent symbols (initially code points) are
/// merged greedily, always the pair whose concatenation is the token with the highest score
/// (leftmost on ties); symbols that are not tokens at the end fall back to `<0xNN>` byte tokens.
final class SpmEngine extends TokenizerEngine {

  private static final char SPACE_MARK = '\u2581';
  private static final int CACHE_LIMIT = 1 << 16;
  private static final int MAX_CACHED_SEGMENT = 64;
  private final int[] byteTokens = new int[256];
  /// True when no token contains U+2581 right after another char: then no merge can cross a
  /// point where U+2581 follows another char, and the text is tokenized segment by segment (same
  /// result, cache-friendly, and cacheable per segment).
  private final boolean segmentable;
  private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

  SpmEngine(Vocabulary v) {
    super(v, true);
    for (int b = 0; b < 256; b++) {
      int id = tokenId(String.format("<0x%02X>", b));
      if (id < 0 && b < 0x80) {
        id = tokenId(String.valueOf((char) b));
      }
      byteTokens[b] = id;
    }
    boolean crossing = false;
    for (String t : tokens) {
      for (int i = 1; i < t.length() && !crossing; i++) {
        crossing = t.charAt(i) == SPACE_MARK && t.charAt(i - 1) != SPACE_MARK;
      }
      if (crossing) {
        break;
      }
    }
    segmentable = !crossing;
  }

  @Override
  void encodeFragments(String s, List<int[]> fragments, boolean addSpecial, IntList out) {
    boolean prevSpecial = true;
    if (addSpecial && addBos && bos >= 0) {
      out.add(bos);
    }
    StringBuilder sb = new StringBuilder();
    for (int[] f : fragments) {
      if (f[0] >= 0) {
        out.add(f[0]);
        prevSpecial = true;
        continue;
      }
      sb.setLength(0);
      if (addSpacePrefix && prevSpecial) {
        sb.append(SPACE_MARK);
      }
      for (int i = f[1]; i < f[2]; i++) {
        char c = s.charAt(i);
        sb.append(c == ' ' ? SPACE_MARK : c);
      }
      String escaped = sb.toString();
      if (segmentable) {
        int segStart = 0;
        for (int i = 1; i < escaped.length(); i++) {
          if (escaped.charAt(i) == SPACE_MARK && escaped.charAt(i - 1) != SPACE_MARK) {
            tokenizeSegment(escaped.substring(segStart, i), out);
            segStart = i;
          }
        }
        tokenizeSegment(escaped.substring(segStart), out);
      } else {
        tokenize(escaped, out);
      }
      prevSpecial = false;
    }
    if (addSpecial && addEos && eos >= 0) {
      out.add(eos);
    }
  }

  private static long key(float score, int left) {
    int bits = Float.floatToIntBits(score);
    int sortable = bits ^ ((bits >> 31) & 0x7fffffff);    // increasing with the score
    long inverted = 0xffffffffL - ((sortable ^ 0x80000000) & 0xffffffffL); // highest score first
    return (inverted << 31) | left;
  }

  private void tokenizeSegment(String segment, IntList out) {
    if (segment.length() > MAX_CACHED_SEGMENT) {
      tokenize(segment, out);
      return;
    }
    int[] ids = cache.get(segment);
    if (ids == null) {
      IntList list = new IntList(8);
      tokenize(segment, list);
      ids = list.toArray();
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(segment, ids);
    }
    out.addAll(ids);
  }

  /// llama.cpp's SPM session over one escaped text (exposed for the differential test).
  int[] tokenizeWhole(String escaped) {
    IntList out = new IntList(escaped.length());
    tokenize(escaped, out);
    return out.toArray();
  }

  private void tokenize(String text, IntList out) {
    int len = text.length();
    int count = text.codePointCount(0, len);
    int[] start = new int[count];
    int[] size = new int[count];
    int[] prev = new int[count];
    int[] next = new int[count];
    for (int i = 0, k = 0; i < len; k++) {
      int c = Character.charCount(text.codePointAt(i));
      start[k] = i;
      size[k] = c;
      prev[k] = k - 1;
      next[k] = k + 1 < count ? k + 1 : -1;
      i += c;
    }
    BigramQueue queue = new BigramQueue();
    for (int i = 1; i < count; i++) {
      tryAddBigram(text, queue, start, size, i - 1, i);
    }
    while (!queue.isEmpty()) {
      queue.pop();
      int l = queue.left();
      int r = next[l];
      // stale when either symbol was merged since: the left one is gone or the pair's length changed
      if (size[l] == 0 || r < 0 || size[l] + size[r] != queue.value) {
        continue;
      }
      size[l] += size[r];
      size[r] = 0;
      next[l] = next[r];
      if (next[r] >= 0) {
        prev[next[r]] = l;
      }
      tryAddBigram(text, queue, start, size, prev[l], l);
      tryAddBigram(text, queue, start, size, l, next[l]);
    }
    for (int i = 0; i != -1 && count > 0; i = next[i]) {
      int id = tokenId(text, start[i], start[i] + size[i]);
      if (id >= 0) {
        out.add(id);
        continue;
      }
      byte[] bytes = text.substring(start[i], start[i] + size[i]).getBytes(StandardCharsets.UTF_8);
      for (byte b : bytes) {
        int bt = byteTokens[b & 0xFF];
        if (bt >= 0) {
          out.add(bt);
        } else if (unk >= 0) {
          out.add(unk);
        }
      }
    }
  }

  private void tryAddBigram(String text, BigramQueue queue, int[] start, int[] size, int l, int r) {
    if (l < 0 || r < 0) {
      return;
    }
    int from = start[l];
    int to = from + size[l] + size[r];
    int id = tokenId(text, from, to);
    if (id < 0) {
      return;
    }
    float score = scores == null ? 0f : scores[id];
    queue.push(key(score, l), size[l] + size[r]);
  }

  @Override
  byte[] normalPiece(String text) {
    return text.replace(SPACE_MARK, ' ').getBytes(StandardCharsets.UTF_8);
  }

  @Override
  boolean stripsPrefixSpace() {
    return addSpacePrefix;
  }
}
