package io.nootropic.context.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/// A Lucene analyzer for code and paths: splits on anything that is not a letter, digit, `_` or
/// `$`; keeps each identifier whole (lower-cased) and adds its camelCase, snake_case and
/// letter/digit parts at the same position; drops a few English stop words and folds plurals
/// (`tokens` and `token` match).
public final class CodeAnalyzer extends Analyzer {

  /// Longest identifier kept; longer runs (minified code, base64) are dropped.
  public static final int MAX_TOKEN = 64;
  private static final int MAX_CHARS = 1 << 20;

  private static final Set<String> STOP = Set.of(
      "a", "an", "the", "of", "to", "in", "is", "and", "or", "on", "with", "by", "be", "this", "that",
      "it", "as", "at", "from", "are", "was", "its", "into", "than", "then", "which");

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    return new TokenStreamComponents(new CodeTokenizer());
  }

  /// The terms this analyzer makes of `text`, in order, duplicates kept (for queries and hashing).
  public static List<String> terms(String text) {
    List<String> out = new ArrayList<>();
    for (Tok t : tokenize(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text)) {
      out.add(t.term);
    }
    return out;
  }

  record Tok(String term, int posInc, int start, int end) { }

  static List<Tok> tokenize(String s) {
    List<Tok> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    int pendingGap = 1;
    while (i < n) {
      char c = s.charAt(i);
      if (!isWordChar(c)) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isWordChar(s.charAt(i))) {
        i++;
      }
      int end = i;
      if (end - start > MAX_TOKEN) {
        pendingGap++;
        continue;
      }
      String word = s.substring(start, end);
      String whole = normalize(word);
      List<String> parts = parts(word);
      boolean emitted = false;
      if (whole != null) {
        out.add(new Tok(whole, pendingGap, start, end));
        emitted = true;
      }
      if (parts.size() > 1) {
        for (String p : parts) {
          String np = normalize(p);
          if (np != null && !np.equals(whole)) {
            out.add(new Tok(np, emitted ? 0 : pendingGap, start, end));
            emitted = true;
          }
        }
      }
      pendingGap = emitted ? 1 : pendingGap + 1;
    }
    return out;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /// Splits an identifier at `_`, `$`, lower-to-upper changes, acronym ends (`HTTPServer` ->
  /// `HTTP`, `Server`) and letter/digit changes.
  static List<String> parts(String word) {
    List<String> out = new ArrayList<>();
    int n = word.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = word.charAt(i);
      if (c == '_' || c == '$') {
        if (i > start) {
          out.add(word.substring(start, i));
        }
        start = i + 1;
        continue;
      }
      if (i > start) {
        char p = word.charAt(i - 1);
        boolean lowerToUpper = Character.isLowerCase(p) && Character.isUpperCase(c);
        boolean acronymEnd = Character.isUpperCase(p) && Character.isUpperCase(c)
            && i + 1 < n && Character.isLowerCase(word.charAt(i + 1));
        boolean digitChange = Character.isDigit(p) != Character.isDigit(c);
        if (lowerToUpper || acronymEnd || digitChange) {
          out.add(word.substring(start, i));
          start = i;
        }
      }
    }
    if (start < n) {
      out.add(word.substring(start));
    }
    return out;
  }

  private static String normalize(String w) {
    String l = w.toLowerCase(Locale.ROOT);
    if (l.isEmpty() || STOP.contains(l) || (l.length() == 1 && !Character.isLetter(l.charAt(0)))) {
      return null;
    }
    return stem(l);
  }

  /// Harman's S-stemmer: folds common English plurals.
  static String stem(String w) {
    int n = w.length();
    if (n <= 3) {
      return w;
    }
    if (w.endsWith("ies") && !w.endsWith("eies") && !w.endsWith("aies")) {
      return w.substring(0, n - 3) + "y";
    }
    if (w.endsWith("es") && !w.endsWith("aes") && !w.endsWith("ees") && !w.endsWith("oes")) {
      return w.substring(0, n - 1);
    }
    if (w.endsWith("s") && !w.endsWith("us") && !w.endsWith("ss")) {
      return w.substring(0, n - 1);
    }
    return w;
  }

  private static final class CodeTokenizer extends Tokenizer {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private List<Tok> toks;
    private int next;
    private int length;

    @Override
    public boolean incrementToken() throws IOException {
      if (toks == null) {
        String s = readAll(input);
        length = s.length();
        toks = tokenize(s);
        next = 0;
      }
      if (next >= toks.size()) {
        return false;
      }
      clearAttributes();
      Tok t = toks.get(next++);
      term.setEmpty().append(t.term);
      offset.setOffset(correctOffset(t.start), correctOffset(t.end));
      posInc.setPositionIncrement(t.posInc);
      return true;
    }

    @Override
    public void end() throws IOException {
      super.end();
      int o = correctOffset(length);
      offset.setOffset(o, o);
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      toks = null;
      next = 0;
      length = 0;
    }

    private static String readAll(Reader r) throws IOException {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[8192];
      int n;
      while ((n = r.read(buf)) > 0) {
        if (sb.length() < MAX_CHARS) {
          sb.append(buf, 0, Math.min(n, MAX_CHARS - sb.length()));
        }
      }
      return sb.toString();
    }
  }
}
