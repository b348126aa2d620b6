package io.nootropic.agents.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/// Finds where a SEARCH run of lines sits in a file, trying a short, ordered cascade of ways that
/// are published to work (Aider's `editblock_coder`, Codex's `seek_sequence`); the first way that
/// finds anything decides:
///
/// 1. `exact`: the lines as they are;
/// 2. `trailing-whitespace`: each line's trailing whitespace ignored;
/// 3. `indentation`: every non-blank line indented by the same amount more or less than the file
///    (the replacement is re-indented by that amount);
/// 4. `unicode-punctuation`: lines trimmed and typographic dashes, quotes and spaces folded to
///    ASCII;
/// 5. `elision`: SEARCH and REPLACE split on lines holding only `...`, each piece matched on its
///    own, in order (the model left out unchanged lines).
///
/// A way that finds more than one place is ambiguous, and that is a failure, never a guess.
final class Matcher {

  /// How a SEARCH was found.
  enum Level {
    EXACT, TRAILING_WHITESPACE, INDENTATION, UNICODE_PUNCTUATION, ELISION;

    String externalName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /// Where to put what: lines `[start, end)` of the file become `replacement`.
  record Span(int start, int end, List<String> replacement) {}

  /// The outcome of a search.
  sealed interface Outcome permits Found, Ambiguous, NotFound {}

  /// One place: the spans to replace (one, or one per elided piece).
  record Found(Level level, List<Span> spans) implements Outcome {}

  /// Several places at `level`, starting at these 0-based lines.
  record Ambiguous(Level level, List<Integer> starts) implements Outcome {}

  /// Nowhere; `why` says so when there is more to say (a missing anchor, unpaired `...`).
  record NotFound(String why) implements Outcome {}

  private Matcher() {}

  /// Looks for `search` in `file` (lines without their newline), from line `from` on, after the
  /// first line equal to `anchor` when there is one, at the end of the file when `atEnd`.
  static Outcome find(List<String> file, List<String> search, List<String> replace, int from, String anchor, boolean atEnd) {
    int start = from;
    if (anchor != null) {
      int a = indexOfAnchor(file, anchor, from);
      if (a < 0) {
        return new NotFound("the @@ line '" + anchor + "' is not in the file");
      }
      start = a + 1;
    }
    for (Level level : new Level[] {Level.EXACT, Level.TRAILING_WHITESPACE, Level.INDENTATION, Level.UNICODE_PUNCTUATION}) {
      List<Span> found = new ArrayList<>();
      for (int i = start; i + search.size() <= file.size(); i++) {
        if (atEnd && i + search.size() != file.size()) {
          continue;
        }
        List<String> replacement = matchAt(file, i, search, replace, level);
        if (replacement != null) {
          found.add(new Span(i, i + search.size(), replacement));
        }
      }
      if (found.size() == 1) {
        return new Found(level, found);
      }
      if (found.size() > 1) {
        return new Ambiguous(level, found.stream().map(Span::start).toList());
      }
    }
    return elided(file, search, replace, start);
  }

  /// The replacement lines when `search` matches at line `i` at `level`, else `null`.
  private static List<String> matchAt(List<String> file, int i, List<String> search, List<String> replace, Level level) {
    switch (level) {
      case EXACT -> {
        for (int k = 0; k < search.size(); k++) {
          if (!file.get(i + k).equals(search.get(k))) {
            return null;
          }
        }
        return replace;
      }
      case TRAILING_WHITESPACE -> {
        for (int k = 0; k < search.size(); k++) {
          if (!file.get(i + k).stripTrailing().equals(search.get(k).stripTrailing())) {
            return null;
          }
        }
        return replace;
      }
      case INDENTATION -> {
        return reindented(file, i, search, replace);
      }
      case UNICODE_PUNCTUATION -> {
        for (int k = 0; k < search.size(); k++) {
          if (!fold(file.get(i + k)).equals(fold(search.get(k)))) {
            return null;
          }
        }
        return replace;
      }
      default -> {
        return null;
      }
    }
  }

  /// Every non-blank line of the file at `i` is `prefix + line` (or the file's line is the search
  /// line with `prefix` removed) for one prefix: the replacement gets the same change.
  private static List<String> reindented(List<String> file, int i, List<String> search, List<String> replace) {
    String searchIndent = commonIndent(search);
    String fileIndent = null;
    for (int k = 0; k < search.size(); k++) {
      String s = search.get(k);
      String f = file.get(i + k);
      if (s.isBlank()) {
        if (!f.isBlank()) {
          return null;
        }
        continue;
      }
      String body = s.substring(searchIndent.length()).stripTrailing();
      if (!f.stripTrailing().endsWith(body)) {
        return null;
      }
      String prefix = f.stripTrailing().substring(0, f.stripTrailing().length() - body.length());
      if (!prefix.isBlank()) {
        return null;
      }
      String expected = prefix;
      if (fileIndent == null) {
        fileIndent = expected;
      } else if (!fileIndent.equals(expected)) {
        return null;
      }
    }
    if (fileIndent == null || fileIndent.equals(searchIndent)) {
      return null; // all blank, or the same indentation: an earlier level decides
    }
    String replaceIndent = commonIndent(replace);
    List<String> out = new ArrayList<>();
    for (String r : replace) {
      if (r.isBlank()) {
        out.add(r.strip());
      } else {
        String rest = r.startsWith(searchIndent) ? r.substring(searchIndent.length())
            : r.substring(Math.min(replaceIndent.length(), r.length()));
        out.add(fileIndent + rest);
      }
    }
    return out;
  }

  private static String commonIndent(List<String> lines) {
    String common = null;
    for (String l : lines) {
      if (l.isBlank()) {
        continue;
      }
      String indent = l.substring(0, l.length() - l.stripLeading().length());
      if (common == null) {
        common = indent;
      } else {
        int n = 0;
        while (n < common.length() && n < indent.length() && common.charAt(n) == indent.charAt(n)) {
          n++;
        }
        common = common.substring(0, n);
      }
    }
    return common == null ? "" : common;
  }

  /// SEARCH and REPLACE split on `...` lines, each piece found once, in order.
  private static Outcome elided(List<String> file, List<String> search, List<String> replace, int start) {
    List<List<String>> sp = split(search);
    List<List<String>> rp = split(replace);
    if (sp.size() == 1) {
      return new NotFound(null);
    }
    if (sp.size() != rp.size()) {
      return new NotFound("SEARCH and REPLACE have different numbers of '...' lines; give every '...' in SEARCH one in"
          + " REPLACE, or copy the lines out");
    }
    List<Span> spans = new ArrayList<>();
    int from = start;
    for (int p = 0; p < sp.size(); p++) {
      List<String> piece = sp.get(p);
      if (piece.isEmpty()) {
        if (!rp.get(p).isEmpty()) {
          return new NotFound("an empty SEARCH piece between '...' lines has REPLACE lines; say where they go");
        }
        continue;
      }
      List<Span> found = new ArrayList<>();
      for (int i = from; i + piece.size() <= file.size(); i++) {
        List<String> r = matchAt(file, i, piece, rp.get(p), Level.EXACT);
        if (r == null) {
          r = matchAt(file, i, piece, rp.get(p), Level.TRAILING_WHITESPACE);
        }
        if (r != null) {
          found.add(new Span(i, i + piece.size(), r));
        }
      }
      if (found.isEmpty()) {
        return new NotFound("the part of SEARCH after '...' number " + p + " is not in the file");
      }
      if (found.size() > 1) {
        return new Ambiguous(Level.ELISION, found.stream().map(Span::start).toList());
      }
      spans.add(found.getFirst());
      from = found.getFirst().end();
    }
    return new Found(Level.ELISION, spans);
  }

  private static List<List<String>> split(List<String> lines) {
    List<List<String>> parts = new ArrayList<>();
    List<String> cur = new ArrayList<>();
    for (String l : lines) {
      if (l.strip().equals("...")) {
        parts.add(cur);
        cur = new ArrayList<>();
      } else {
        cur.add(l);
      }
    }
    parts.add(cur);
    return parts;
  }

  private static int indexOfAnchor(List<String> file, String anchor, int from) {
    for (int i = from; i < file.size(); i++) {
      if (file.get(i).strip().equals(anchor.strip())) {
        return i;
      }
    }
    String folded = fold(anchor);
    for (int i = from; i < file.size(); i++) {
      if (fold(file.get(i)).equals(folded)) {
        return i;
      }
    }
    return -1;
  }

  /// Trimmed, with typographic dashes, quotes and spaces folded to ASCII (Codex's list).
  static String fold(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.strip().toCharArray()) {
      if ((c >= '\u2010' && c <= '\u2015') || c == '\u2212') {
        sb.append('-');
      } else if (c >= '\u2018' && c <= '\u201B') {
        sb.append('\'');
      } else if (c >= '\u201C' && c <= '\u201F') {
        sb.append('"');
      } else if (c == '\u00A0' || (c >= '\u2002' && c <= '\u200A') || c == '\u202F' || c == '\u205F' || c == '\u3000') {
        sb.append(' ');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /// The window of `file` most like `search` (0-based start and its similarity in [0, 1]), for
  /// "did you mean these lines?".
  static int[] closest(List<String> file, List<String> search) {
    if (search.isEmpty() || file.isEmpty()) {
      return new int[] {0, 0};
    }
    int n = Math.min(search.size(), file.size());
    int best = 0;
    double bestScore = -1;
    int windows = file.size() - n + 1;
    int step = Math.max(1, windows / 4000);
    for (int i = 0; i < windows; i += step) {
      double score = 0;
      for (int k = 0; k < n; k++) {
        score += similarity(file.get(i + k), search.get(k));
      }
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return new int[] {best, (int) Math.round(100 * bestScore / search.size())};
  }

  /// Dice coefficient of the character bigrams of two trimmed lines.
  private static double similarity(String a, String b) {
    String x = a.strip();
    String y = b.strip();
    if (x.equals(y)) {
      return 1;
    }
    if (x.length() < 2 || y.length() < 2) {
      return 0;
    }
    java.util.Map<Integer, Integer> grams = new java.util.HashMap<>();
    for (int i = 0; i + 1 < x.length(); i++) {
      grams.merge(x.charAt(i) << 16 | x.charAt(i + 1), 1, Integer::sum);
    }
    int common = 0;
    for (int i = 0; i + 1 < y.length(); i++) {
      Integer c = grams.get(y.charAt(i) << 16 | y.charAt(i + 1));
      if (c != null && c > 0) {
        common++;
        grams.put(y.charAt(i) << 16 | y.charAt(i + 1), c - 1);
      }
    }
    return 2.0 * common / (x.length() - 1 + y.length() - 1);
  }
}
