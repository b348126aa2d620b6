package io.nootropic.inference.internal.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/// GPT-2 byte-level BPE (`tokenizer.ggml.model = gpt2`) as llama.cpp runs it: the pre-tokenizer
/// splits text into words, each word's UTF-8 bytes become GPT-2's printable stand-in chars, and
/// adjacent symbols are merged by merge rank (lowest first, leftmost on ties) with a priority
/// queue over a linked list of symbols. Pre-tokenizers of the Llama 3 family first look the whole
/// word up as a token (`ignore_merges`). Results are cached per word.
final class BpeEngine extends TokenizerEngine {

  private static final int CACHE_LIMIT = 1 << 16;
  private static final int MAX_CACHED_WORD = 128;

  private final PreTokenizer preTokenizer;
  private final String preName;
  private final boolean ignoreMerges;
  /// (leftId << 32 | rightId) -> (rank << 32 | mergedId); ids from [#ids], >= n for non-tokens.
  private final LongLongMap pairs;
  private final int[] byteIds = new int[256];
  private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

  BpeEngine(Vocabulary v) {
    super(v, defaultAddBos(v.pre));
    PreTokenizer.Kind kind = PreTokenizer.kindFor(v.pre);
    if (kind == null) {
      throw new VocabularyException("unsupported pre-tokenizer '" + v.pre
          + "' (tokenizer.ggml.pre); supported: default, llama3/llama-bpe, qwen2, gpt-2, mpt, "
          + "starcoder, refact, falcon, deepseek-llm, deepseek-coder and their llama.cpp aliases");
    }
    this.preTokenizer = PreTokenizer.of(kind);
    this.preName = v.pre == null || v.pre.isEmpty() ? "default" : v.pre;
    this.ignoreMerges = isLlama3Family(v.pre);

    int next = n;
    String[] merges = v.merges;
    pairs = new LongLongMap(merges.length);
    for (int rank = 0; rank < merges.length; rank++) {
      String m = merges[rank];
      int sp = m.indexOf(' ', 1);
      if (sp < 0) {
        continue;
      }
      // one pass for the three hashes: left, right and left+right
      int hashA = TextIntMap.rawHash(m, 0, sp);
      int hashB = 0;
      int pow = 1;
      for (int i = sp + 1; i < m.length(); i++) {
        hashB = 31 * hashB + m.charAt(i);
        pow *= 31;
      }
      int a = ids.getRaw(hashA, m, 0, sp);
      if (a < 0) {
        a = next++;
        ids.put(m.substring(0, sp), a);
      }
      int b = ids.getRaw(hashB, m, sp + 1, m.length());
      if (b < 0) {
        b = next++;
        ids.put(m.substring(sp + 1), b);
      }
      int merged = ids.getWithout(hashA * pow + hashB, m, sp);
      if (merged < 0) {
        merged = next++;
        ids.put(m.substring(0, sp) + m.substring(sp + 1), merged);
      }
      pairs.putIfAbsent(((long) a << 32) | b, ((long) rank << 32) | merged);
    }
    for (int b = 0; b < 256; b++) {
      String c = String.valueOf(UnicodeClass.byteToChar(b));
      int id = ids.get(c);
      if (id < 0) {
        id = next++;
        ids.put(c, id);
      }
      byteIds[b] = id;
    }
  }

  private static boolean isLlama3Family(String pre) {
    return pre != null && switch (pre) {
      case "llama3", "llama-v3", "llama-bpe", "falcon3" -> true;
      default -> false;
    };
  }

  private static boolean defaultAddBos(String pre) {
    return isLlama3Family(pre);
  }

  @Override
  public String preTokenizer() {
    return preName;
  }

  @Override
  void encodeFragments(String s, List<int[]> fragments, boolean addSpecial, IntList out) {
    if (addSpecial && addBos && bos >= 0) {
      out.add(bos);
    }
    for (int[] f : fragments) {
      if (f[0] >= 0) {
        out.add(f[0]);
        continue;
      }
      String text = s.substring(f[1], f[2]);
      int[] bounds = preTokenizer.split(text);
      for (int w = 0; w + 1 < bounds.length; w++) {
        String word = text.substring(bounds[w], bounds[w + 1]);
        int[] res = cache.get(word);
        if (res == null) {
          res = encodeWord(word);
          if (word.length() <= MAX_CACHED_WORD) {
            if (cache.size() >= CACHE_LIMIT) {
              cache.clear();
            }
            cache.put(word, res);
          }
        }
        out.addAll(res);
      }
    }
    if (addSpecial && addEos && eos >= 0) {
      out.add(eos);
    }
  }

  private static String byteEncode(byte[] bytes, int from, int to) {
    char[] c = new char[to - from];
    for (int i = from; i < to; i++) {
      c[i - from] = UnicodeClass.byteToChar(bytes[i]);
    }
    return new String(c);
  }

  private long rankOf(int a, int b) {
    return pairs.get(((long) a << 32) | b);
  }

  private void addBigram(BigramQueue q, int[] id, int[] len, int l, int r) {
    if (l < 0 || r < 0) {
      return;
    }
    long v = rankOf(id[l], id[r]);
    if (v < 0) {
      return;
    }
    long rank = v >>> 32;
    q.push((rank << 31) | l, ((long) len[l] << 32) | len[r]);
  }

  int[] encodeWord(String word) {
    byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
    int count = bytes.length;
    if (ignoreMerges) {
      int whole = tokenId(byteEncode(bytes, 0, count));
      if (whole >= 0) {
        return new int[] {whole};
      }
    }
    int[] id = new int[count];
    int[] len = new int[count];
    int[] prev = new int[count];
    int[] next = new int[count];
    for (int i = 0; i < count; i++) {
      id[i] = byteIds[bytes[i] & 0xFF];
      len[i] = 1;
      prev[i] = i - 1;
      next[i] = i + 1 < count ? i + 1 : -1;
    }
    BigramQueue q = new BigramQueue();
    for (int i = 1; i < count; i++) {
      addBigram(q, id, len, i - 1, i);
    }
    while (!q.isEmpty()) {
      q.pop();
      int l = q.left();
      int r = next[l];
      // stale unless both symbols still have the lengths they had when the pair was queued
      if (len[l] != (int) (q.value >>> 32) || r < 0 || len[r] != (int) q.value) {
        continue;
      }
      long v = rankOf(id[l], id[r]);
      id[l] = (int) v;
      len[l] += len[r];
      len[r] = 0;
      next[l] = next[r];
      if (next[r] >= 0) {
        prev[next[r]] = l;
      }
      addBigram(q, id, len, prev[l], l);
      addBigram(q, id, len, l, next[l]);
    }
    IntList out = new IntList(count);
    int pos = 0;
    for (int i = 0; i != -1 && count > 0; i = next[i]) {
      int t = id[i];
      if (t >= 0 && t < n) {
        out.add(t);
      } else {
        // not a token: llama.cpp looks up each byte of the symbol's text as a one-char token
        String text = byteEncode(bytes, pos, pos + len[i]);
        for (int k = 0; k < text.length(); k++) {
          char c = text.charAt(k);
          if (c < 0x80) {
            int single = tokenId(String.valueOf(c));
            if (single >= 0) {
              out.add(single);
            }
          }
        }
      }
      pos += len[i];
    }
    return out.toArray();
  }

  @Override
  byte[] normalPiece(String text) {
    return UnicodeClass.byteLevelDecode(text);
  }

  @Override
  boolean stripsPrefixSpace() {
    return false;
  }
}
