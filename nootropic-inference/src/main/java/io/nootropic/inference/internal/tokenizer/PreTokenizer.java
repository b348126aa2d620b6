package io.nootropic.inference.internal.tokenizer;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Splits text into the words byte-level BPE merges within, the way llama.cpp's
/// `unicode_regex_split` does: a list of regexes applied one after the other, each one splitting
/// every segment the previous one produced into its matches and the unmatched gaps between them.
///
/// Regexes that use `\p{L}`, `\p{N}` or `\p{P}` run on a "collapsed" copy of the text in which every
/// non-ASCII code point is replaced by one stand-in char for its class (letter, number,
/// punctuation, whitespace, other), so the class tables are the Unicode ones regardless of regex
/// engine; the others run on the text itself with non-ASCII whitespace replaced by `\x0B`. `\s` is
/// ASCII whitespace in both cases, exactly as in llama.cpp's ECMAScript regexes.
final class PreTokenizer {

  /// The supported pre-tokenizer kinds.
  enum Kind { DEFAULT, LLAMA3, QWEN2, GPT2, STARCODER, FALCON, DEEPSEEK_LLM, DEEPSEEK_CODER }

  /// Hand-written equivalents of the most used regexes (as llama.cpp has for GPT-2 and Llama 3).
  private enum Fast { NONE, GPT2, LLAMA3, QWEN2, TRAILING_WHITESPACE, BLANK_THEN_CLASS_RUN }

  /// One regex of the chain; `members` (for [Fast#BLANK_THEN_CLASS_RUN]) memoises, per code point,
  /// whether it is in the regex's character class (0 unknown, 1 yes, 2 no).
  private record Step(Pattern pattern, boolean collapsed, Fast fast, Pattern memberClass, byte[] members) { }

  private static final String L = "\u00D2A-Za-z";
  private static final String N = "\u00D10-9";
  private static final String P = "\u00D3!-#%-*,-/:;?@\\[-\\]_{}";

  private static final String GPT2 =
      "'s|'t|'re|'ve|'m|'ll|'d| ?[" + L + "]+| ?[" + N + "]+| ?[^\\s" + L + N + "]+|\\s+(?!\\S)";
  private static final String CONTRACTIONS_ANY_CASE =
      "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])";
  private static final String LLAMA3 = CONTRACTIONS_ANY_CASE + "|[^\\r\\n" + L + N + "]?[" + L + "]+|["
      + N + "]{1,3}| ?[^\\s" + L + N + "]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
  private static final String QWEN2 = CONTRACTIONS_ANY_CASE + "|[^\\r\\n" + L + N + "]?[" + L + "]+|["
      + N + "]| ?[^\\s" + L + N + "]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

  // The letter class of DeepSeek LLM's published pre-tokenizer (code point ranges).
  private static final String DEEPSEEK_LETTERS = "A-Za-z\u00B5\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u01BA"
      + "\u01BC-\u01BF\u01C4-\u0293\u0295-\u02AF\u0370-\u0373\u0376\u0377\u037B-\u037D\u037F\u0386"
      + "\u0388-\u038A\u038C\u038E-\u03A1\u03A3-\u03F5\u03F7-\u0481\u048A-\u052F\u0531-\u0556"
      + "\u10A0-\u10C5\u13A0-\u13F5\u13F8-\u13FD\u1C90-\u1CBA\u1CBD-\u1CBF\u1D00-\u1D2B\u1D6B-\u1D77"
      + "\u1D79-\u1D9A\u1E00-\u1F15\u1F18-\u1F1D\u1F20-\u1F45\u1F48-\u1F4D\u1F50-\u1F57\u1F59\u1F5B"
      + "\u1F5D\u1F5F-\u1F7D\u1F80-\u1FB4\u1FB6-\u1FBC\u1FBE\u1FC2-\u1FC4\u1FC6-\u1FCC\u1FD0-\u1FD3"
      + "\u1FD6-\u1FDB\u1FE0-\u1FEC\u1FF2-\u1FF4\u1FF6-\u1FFC\u2102\u2107\u210A-\u2113\u2115"
      + "\u2119-\u211D\u2124\u2126\u2128\u212A-\u212D\u212F-\u2134\u2139\u213C-\u213F\u2145-\u2149"
      + "\u214E\u2183\u2184\u2C00-\u2C7B\u2C7E-\u2CE4\u2CEB-\u2CEE\u2CF2\u2CF3\uA640-\uA66D"
      + "\uA680-\uA69B\uA722-\uA76F\uA771-\uA787\uA78B-\uA78E\uAB70-\uABBF\uFB00-\uFB06\uFB13-\uFB17"
      + "\uFF21-\uFF3A\uFF41-\uFF5A\\x{10400}-\\x{1044F}\\x{104B0}-\\x{104D3}\\x{104D8}-\\x{104FB}"
      + "\\x{10C80}-\\x{10CB2}\\x{10CC0}-\\x{10CF2}\\x{118A0}-\\x{118DF}\\x{1E900}-\\x{1E943}";
  // `\s+$` (ECMAScript `$` = end of input); quadratic as a backtracking regex on long blank runs
  private static final String TRAILING_WS = "\\s+\\z";
  private static final String CJK = "[\u4E00-\u9FA5\u0800-\u4E00\uAC00-\uD7FF]+";

  private final Kind kind;
  private final List<Step> steps;

  private PreTokenizer(Kind kind, List<Step> steps) {
    this.kind = kind;
    this.steps = steps;
  }

  Kind kind() {
    return kind;
  }

  private static Step c(String regex) {
    Fast fast = regex.equals(GPT2) ? Fast.GPT2 : regex.equals(LLAMA3) ? Fast.LLAMA3
        : regex.equals(QWEN2) ? Fast.QWEN2 : regex.equals(TRAILING_WS) ? Fast.TRAILING_WHITESPACE : Fast.NONE;
    return new Step(Pattern.compile(regex), true, fast, null, null);
  }

  private static Step w(String regex) {
    return new Step(Pattern.compile(regex), false, Fast.NONE, null, null);
  }

  /// `\s?[CLASS]+` (non-collapsed), matched by hand with a memoised class test: Java's regex
  /// engine tests a class of a hundred ranges range by range.
  private static Step blankThenRun(String charClass) {
    return new Step(Pattern.compile("\\s?[" + charClass + "]+"), false, Fast.BLANK_THEN_CLASS_RUN,
        Pattern.compile("[" + charClass + "]"), new byte[0x110000]);
  }

  private static boolean member(Step step, int cp) {
    byte m = step.members()[cp];
    if (m == 0) {
      m = step.memberClass().matcher(Character.toString(cp)).matches() ? (byte) 1 : (byte) 2;
      step.members()[cp] = m;
    }
    return m == 1;
  }

  /// The pre-tokenizer of a kind.
  static PreTokenizer of(Kind kind) {
    List<Step> steps = switch (kind) {
      case LLAMA3 -> List.of(c(LLAMA3));
      case QWEN2 -> List.of(c(QWEN2));
      case GPT2 -> List.of(c(GPT2));
      case STARCODER -> List.of(c("[" + N + "]"), c(GPT2));
      case FALCON -> List.of(c("[" + P + "$+<=>^~|`]+"), c(GPT2), w("[0-9][0-9][0-9]"));
      case DEEPSEEK_LLM -> List.of(
          w("[\\r\\n]"),
          blankThenRun(DEEPSEEK_LETTERS),
          blankThenRun("!-/:-~\uFF01-\uFF0F\uFF1A-\uFF5E\u2018-\u201F\u3000-\u3002"),
          c(TRAILING_WS),
          w(CJK),
          c("[" + N + "]+"));
      case DEEPSEEK_CODER -> List.of(
          w("[\\r\\n]"), c("\\s?[" + L + "]+"), c("\\s?[" + P + "]+"), w(CJK), c("[" + N + "]"));
      case DEFAULT -> List.of(c("[" + P + "$+<=>^~|]+"), c(GPT2), c("[" + N + "]+"), w("[0-9][0-9][0-9]"));
    };
    return new PreTokenizer(kind, steps);
  }

  /// Splits `text` (valid UTF-16) into words; returns the char boundaries `b` with words
  /// `text[b[i], b[i+1])`, `b[0] == 0` and the last element `text.length()` (a single `0` for
  /// empty text).
  int[] split(String text) {
    return split(text, false);
  }

  /// [#split(String)]; `regexOnly` disables the hand-written splitters (for differential tests).
  int[] split(String text, boolean regexOnly) {
    int nChars = text.length();
    int nCps = text.codePointCount(0, nChars);
    boolean bmp = nCps == nChars;
    int[] cpToChar = null;
    int[] charToCp = null;
    if (!bmp) {
      cpToChar = new int[nCps + 1];
      charToCp = new int[nChars + 1];
      int ci = 0;
      for (int k = 0; k < nCps; k++) {
        cpToChar[k] = ci;
        charToCp[ci] = k;
        int cp = text.codePointAt(ci);
        if (Character.charCount(cp) == 2) {
          charToCp[ci + 1] = k;
        }
        ci += Character.charCount(cp);
      }
      cpToChar[nCps] = nChars;
      charToCp[nChars] = nCps;
    }
    String collapsed = null;
    String wide = null;
    int[] cps = null;

    IntList offsets = new IntList(8);
    offsets.add(nCps);
    for (Step step : steps) {
      String subject;
      boolean cpIndexed;
      if (step.collapsed()) {
        if (collapsed == null) {
          char[] cc = new char[nCps];
          for (int i = 0, k = 0; i < nChars; k++) {
            int cp = text.codePointAt(i);
            cc[k] = UnicodeClass.collapse(cp);
            i += Character.charCount(cp);
          }
          collapsed = new String(cc);
        }
        subject = collapsed;
        cpIndexed = true;
      } else {
        if (wide == null) {
          char[] wc = text.toCharArray();
          for (int i = 0; i < wc.length; i++) {
            if (wc[i] >= 0x80 && UnicodeClass.isWhitespace(wc[i])) {
              wc[i] = UnicodeClass.COLLAPSED_WHITESPACE;
            }
          }
          wide = new String(wc);
        }
        subject = wide;
        cpIndexed = bmp;
      }
      IntList next = new IntList(offsets.size() * 2 + 4);
      if (step.fast() == Fast.BLANK_THEN_CLASS_RUN && !regexOnly) {
        if (cps == null) {
          cps = new int[nCps];
          for (int i = 0, k = 0; i < nChars; k++) {
            int cp = text.codePointAt(i);
            cps[k] = cp >= 0x80 && UnicodeClass.isWhitespace(cp) ? UnicodeClass.COLLAPSED_WHITESPACE : cp;
            i += Character.charCount(cp);
          }
        }
        int start = 0;
        for (int s = 0; s < offsets.size(); s++) {
          int len = offsets.get(s);
          blankThenRunSplit(step, cps, start, start + len, next);
          start += len;
        }
        offsets = next;
        continue;
      }
      if (step.fast() != Fast.NONE && step.fast() != Fast.BLANK_THEN_CLASS_RUN && !regexOnly) {
        int start = 0;
        for (int s = 0; s < offsets.size(); s++) {
          int len = offsets.get(s);
          fastSplit(step.fast(), subject, start, start + len, next);
          start += len;
        }
        offsets = next;
        continue;
      }
      Matcher m = step.pattern().matcher(subject);
      int start = 0;
      for (int s = 0; s < offsets.size(); s++) {
        int len = offsets.get(s);
        int regionStart = cpIndexed ? start : cpToChar[start];
        int regionEnd = cpIndexed ? start + len : cpToChar[start + len];
        m.region(regionStart, regionEnd);
        int prev = start; // in code points
        while (m.find()) {
          int ms = cpIndexed ? m.start() : charToCp[m.start()];
          int me = cpIndexed ? m.end() : charToCp[m.end()];
          if (me == ms) {
            continue;
          }
          if (ms > prev) {
            next.add(ms - prev);
          }
          next.add(me - ms);
          prev = me;
        }
        if (prev < start + len) {
          next.add(start + len - prev);
        }
        start += len;
      }
      offsets = next;
    }
    int[] bounds = new int[offsets.size() + 1];
    int cp = 0;
    for (int s = 0; s < offsets.size(); s++) {
      cp += offsets.get(s);
      bounds[s + 1] = bmp ? cp : cpToChar[cp];
    }
    return bounds;
  }

  // ------------------------------------------------------------------------------------------
  // hand-written splitters over collapsed text (every code point one char, see UnicodeClass)

  private static boolean isL(char c) {
    return c == UnicodeClass.COLLAPSED_LETTER || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isN(char c) {
    return c == UnicodeClass.COLLAPSED_NUMBER || (c >= '0' && c <= '9');
  }

  /// ECMAScript/Java `\s` on collapsed text: ASCII whitespace (non-ASCII whitespace is `\x0B`).
  private static boolean isS(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static boolean isCrLf(char c) {
    return c == '\r' || c == '\n';
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /// Length of the contraction at `p` (`'s 't 're 've 'm 'll 'd`), 0 if none.
  private static int contraction(String c, int p, int end, boolean anyCase) {
    if (c.charAt(p) != '\'' || p + 1 >= end) {
      return 0;
    }
    char a = anyCase ? lower(c.charAt(p + 1)) : c.charAt(p + 1);
    if (a == 's' || a == 't' || a == 'm' || a == 'd') {
      return 2;
    }
    if (p + 2 < end) {
      char b = anyCase ? lower(c.charAt(p + 2)) : c.charAt(p + 2);
      if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
        return 3;
      }
    }
    return 0;
  }

  /// `\s?[CLASS]+` over code points `cps[start, end)` (non-ASCII blanks already `\x0B`).
  private static void blankThenRunSplit(Step step, int[] cps, int start, int end, IntList out) {
    int gapStart = start;
    int pos = start;
    while (pos < end) {
      int cp = cps[pos];
      int runStart;
      if (member(step, cp)) {
        runStart = pos;
      } else if (cp < 0x80 && isS((char) cp) && pos + 1 < end && member(step, cps[pos + 1])) {
        runStart = pos + 1;
      } else {
        pos++;
        continue;
      }
      int p = runStart + 1;
      while (p < end && member(step, cps[p])) {
        p++;
      }
      if (pos > gapStart) {
        out.add(pos - gapStart);
      }
      out.add(p - pos);
      pos = p;
      gapStart = p;
    }
    if (end > gapStart) {
      out.add(end - gapStart);
    }
  }

  /// Splits `c[start, end)` into matches and gaps like the regex loop does.
  private static void fastSplit(Fast fast, String c, int start, int end, IntList out) {
    if (fast == Fast.TRAILING_WHITESPACE) {
      int q = end;
      while (q > start && isS(c.charAt(q - 1))) {
        q--;
      }
      if (q > start) {
        out.add(q - start);
      }
      if (q < end) {
        out.add(end - q);
      }
      return;
    }
    int gapStart = start;
    int pos = start;
    while (pos < end) {
      int len = fast == Fast.GPT2 ? gpt2Match(c, pos, end) : llama3Match(c, pos, end, fast == Fast.LLAMA3 ? 3 : 1);
      if (len == 0) {
        pos++;
        continue;
      }
      if (pos > gapStart) {
        out.add(pos - gapStart);
      }
      out.add(len);
      pos += len;
      gapStart = pos;
    }
    if (end > gapStart) {
      out.add(end - gapStart);
    }
  }

  /// Length of the match of `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)`
  /// at `pos`, or 0.
  private static int gpt2Match(String c, int pos, int end) {
    int k = contraction(c, pos, end, false);
    if (k > 0) {
      return k;
    }
    int p = c.charAt(pos) == ' ' && pos + 1 < end ? pos + 1 : pos;
    char first = c.charAt(p);
    if (isL(first)) {
      while (p < end && isL(c.charAt(p))) {
        p++;
      }
      return p - pos;
    }
    if (isN(first)) {
      while (p < end && isN(c.charAt(p))) {
        p++;
      }
      return p - pos;
    }
    if (!isS(first)) {
      while (p < end && !isS(c.charAt(p)) && !isL(c.charAt(p)) && !isN(c.charAt(p))) {
        p++;
      }
      return p - pos;
    }
    int q = pos;
    while (q < end && isS(c.charAt(q))) {
      q++;
    }
    if (q == pos) {
      return 0;
    }
    if (q == end) {
      return q - pos;
    }
    return q - pos > 1 ? q - pos - 1 : 0;
  }

  /// Length of the match of Llama 3's regex (`digits` = 3) or Qwen2's (`digits` = 1) at `pos`:
  /// `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,digits}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`.
  private static int llama3Match(String c, int pos, int end, int digits) {
    int k = contraction(c, pos, end, true);
    if (k > 0) {
      return k;
    }
    char first = c.charAt(pos);
    if (isL(first) || (!isCrLf(first) && !isN(first) && pos + 1 < end && isL(c.charAt(pos + 1)))) {
      int p = pos + 1;
      while (p < end && isL(c.charAt(p))) {
        p++;
      }
      return p - pos;
    }
    if (isN(first)) {
      int p = pos + 1;
      while (p < end && p - pos < digits && isN(c.charAt(p))) {
        p++;
      }
      return p - pos;
    }
    int p = first == ' ' && pos + 1 < end ? pos + 1 : pos;
    char o = c.charAt(p);
    if (!isS(o) && !isL(o) && !isN(o)) {
      while (p < end && !isS(c.charAt(p)) && !isL(c.charAt(p)) && !isN(c.charAt(p))) {
        p++;
      }
      while (p < end && isCrLf(c.charAt(p))) {
        p++;
      }
      return p - pos;
    }
    if (!isS(first)) {
      return 0;
    }
    int q = pos;
    int lastCrLf = -1;
    while (q < end && isS(c.charAt(q))) {
      if (isCrLf(c.charAt(q))) {
        lastCrLf = q;
      }
      q++;
    }
    if (lastCrLf >= 0) {
      return lastCrLf + 1 - pos;
    }
    if (q == end || q - pos == 1) {
      return q - pos;
    }
    return q - pos - 1;
  }

  /// The kind for a `tokenizer.ggml.pre` name, or null when llama.cpp's name is not supported here.
  static Kind kindFor(String pre) {
    if (pre == null || pre.isEmpty()) {
      return Kind.DEFAULT;
    }
    return switch (pre.toLowerCase(Locale.ROOT)) {
      case "default" -> Kind.DEFAULT;
      case "llama3", "llama-v3", "llama-bpe", "falcon3", "dbrx", "smaug-bpe" -> Kind.LLAMA3;
      case "qwen2", "deepseek-r1-qwen", "megrez", "stablelm2" -> Kind.QWEN2;
      case "gpt-2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v1-en", "jina-v2-es", "jina-v2-de",
           "jina-v2-code", "roberta-bpe", "mpt", "olmo", "jais" -> Kind.GPT2;
      case "starcoder", "refact", "command-r", "smollm", "codeshell", "exaone", "minerva-7b" -> Kind.STARCODER;
      case "falcon" -> Kind.FALCON;
      case "deepseek-llm" -> Kind.DEEPSEEK_LLM;
      case "deepseek-coder" -> Kind.DEEPSEEK_CODER;
      default -> null;
    };
  }
}
