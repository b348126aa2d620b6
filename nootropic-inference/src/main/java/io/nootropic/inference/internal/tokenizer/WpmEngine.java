package io.nootropic.inference.internal.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/// WordPiece (`tokenizer.ggml.model = bert`) as llama.cpp runs it on vocabularies converted with a
/// "phantom space" (word-initial pieces carry U+2581, continuation pieces carry nothing): text is
/// mapped code point by code point to the first code point of its NFD form and lower-cased, split
/// at whitespace and around punctuation, ASCII symbols and CJK ideographs; control characters are
/// dropped; each word is covered greedily by longest-match tokens, and a word that cannot be fully
/// covered becomes the unknown token.
final class WpmEngine extends TokenizerEngine {

  private static final char SPACE_MARK = '\u2581';
  private final int maxTokenLength;

  WpmEngine(Vocabulary v) {
    super(v, true);
    int max = 1;
    for (String t : tokens) {
      max = Math.max(max, t.length());
    }
    maxTokenLength = max;
  }

  @Override
  void encodeFragments(String s, List<int[]> fragments, boolean addSpecial, IntList out) {
    if (addSpecial && bos >= 0) {
      out.add(bos);
    }
    for (int[] f : fragments) {
      if (f[0] >= 0) {
        out.add(f[0]);
      } else {
        tokenize(s.substring(f[1], f[2]), out);
      }
    }
    if (addSpecial && sep >= 0) {
      out.add(sep);
    }
  }

  private void tokenize(String text, IntList out) {
    for (String word : preprocess(text)) {
      String w = SPACE_MARK + word;
      int len = w.length();
      int before = out.size();
      IntList pieces = new IntList(8);
      boolean ok = true;
      for (int i = 0; i < len; ) {
        int found = -1;
        int foundEnd = -1;
        for (int j = Math.min(len, i + maxTokenLength); j > i; j--) {
          int id = tokenId(w, i, j);
          if (id >= 0) {
            found = id;
            foundEnd = j;
            break;
          }
        }
        if (found < 0) {
          ok = false;
          break;
        }
        pieces.add(found);
        i = foundEnd;
      }
      if (ok && pieces.size() > 0) {
        out.addAll(pieces.toArray());
      }
      if (out.size() == before && unk >= 0) {
        out.add(unk);
      }
    }
  }

  private static boolean isChinese(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }

  static List<String> preprocess(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int raw = text.codePointAt(i);
      i += Character.charCount(raw);
      int cp = UnicodeClass.nfdFirst(raw);
      if (UnicodeClass.isWhitespace(cp)) {
        if (cur.length() > 0) {
          words.add(cur.toString());
          cur.setLength(0);
        }
        continue;
      }
      int cat = UnicodeClass.category(cp);
      if (cp == 0 || cp == 0xFFFD || cat == UnicodeClass.CONTROL) {
        continue;
      }
      int lower = Character.toLowerCase(cp);
      if (cat == UnicodeClass.PUNCTUATION || (cp < 0x7F && cat == UnicodeClass.SYMBOL) || isChinese(cp)) {
        if (cur.length() > 0) {
          words.add(cur.toString());
          cur.setLength(0);
        }
        words.add(new String(Character.toChars(lower)));
      } else {
        cur.appendCodePoint(lower);
      }
    }
    if (cur.length() > 0) {
      words.add(cur.toString());
    }
    return words;
  }

  @Override
  byte[] normalPiece(String text) {
    return text.replace(SPACE_MARK, ' ').getBytes(StandardCharsets.UTF_8);
  }

  @Override
  boolean stripsPrefixSpace() {
    return true;
  }
}
