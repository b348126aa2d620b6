package io.nootropic.context.chunk;

import io.nootropic.context.walk.RepositoryWalker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/// Turns a declaration tree into chunks that cover every line: declarations that fit become
/// chunks (small neighbours are grouped), larger ones are split into their members, and what is
/// still too large becomes overlapping windows.
final class Segmenter {

  private final ChunkerConfig config;
  private final String path;
  private final Language language;
  private final String[] lines;
  private final int[] prefixChars;   // prefixChars[i] = chars in lines[0..i-1] incl. newlines
  private final List<Chunk> out = new ArrayList<>();

  // the open group of small pieces
  private int groupStart = -1;
  private int groupEnd = -1;
  private List<String> groupEnclosing = List.of();
  private final List<String> groupDeclared = new ArrayList<>();

  /// Creates a segmenter for one file.
  public Segmenter(ChunkerConfig config, String path, Language language, String[] lines) {
    this.config = config;
    this.path = path;
    this.language = language;
    this.lines = lines;
    this.prefixChars = new int[lines.length + 1];
    for (int i = 0; i < lines.length; i++) {
      prefixChars[i + 1] = prefixChars[i] + lines[i].length() + 1;
    }
  }

  /// Produces the chunks for the given top-level declarations.
  public List<Chunk> segment(List<Decl> top) {
    if (lines.length == 0) {
      return List.of();
    }
    split(1, lines.length, top, List.of());
    flush();
    return out;
  }

  private int chars(int a, int b) {
    return prefixChars[b] - prefixChars[a - 1];
  }

  private boolean fits(int a, int b) {
    return b - a + 1 <= config.maxLines() && chars(a, b) <= config.maxChars();
  }

  private void split(int a, int b, List<Decl> children, List<String> enclosing) {
    List<Decl> kids = new ArrayList<>();
    int last = a - 1;
    List<Decl> sorted = new ArrayList<>(children);
    sorted.sort((x, y) -> Integer.compare(x.start, y.start));
    for (Decl c : sorted) {
      int s = Math.max(c.start, a);
      int e = Math.min(c.end, b);
      if (s <= last || e < s) {
        continue;   // overlaps its predecessor or lies outside: leave it to the gaps
      }
      Decl clamped = new Decl(c.name, s, e);
      clamped.children.addAll(c.children);
      kids.add(clamped);
      last = e;
    }
    int cursor = a;
    for (Decl c : kids) {
      if (c.start > cursor) {
        addPiece(cursor, c.start - 1, enclosing, null);
      }
      if (fits(c.start, c.end)) {
        addPiece(c.start, c.end, enclosing, names(c));
      } else {
        flush();
        List<String> inner = append(enclosing, c.name);
        if (c.children.isEmpty() || (c.children.size() == 1 && c.children.getFirst().start <= c.start
            && c.children.getFirst().end >= c.end)) {
          windows(c.start, c.end, inner);
        } else {
          split(c.start, c.end, c.children, inner);
          flush();
        }
      }
      cursor = c.end + 1;
    }
    if (cursor <= b) {
      addPiece(cursor, b, enclosing, null);
    }
  }

  private static List<String> append(List<String> list, String name) {
    List<String> l = new ArrayList<>(list);
    if (name != null && !name.isEmpty()) {
      l.add(name);
    }
    return List.copyOf(l);
  }

  private static List<String> names(Decl d) {
    List<String> out = new ArrayList<>();
    collectNames(d, out, 0);
    return out;
  }

  private static void collectNames(Decl d, List<String> out, int depth) {
    if (d.name != null && !d.name.isEmpty()) {
      out.add(d.name);
    }
    if (depth < 8) {
      for (Decl c : d.children) {
        collectNames(c, out, depth + 1);
      }
    }
  }

  private void addPiece(int a, int b, List<String> enclosing, List<String> declared) {
    if (!fits(a, b)) {
      flush();
      List<String> syms = new ArrayList<>(enclosing);
      if (declared != null) {
        syms.addAll(declared);
      }
      windows(a, b, syms);
      return;
    }
    if (groupStart >= 0 && (!groupEnclosing.equals(enclosing) || !fits(groupStart, b))) {
      flush();
    }
    if (groupStart < 0) {
      groupStart = a;
      groupEnclosing = enclosing;
    }
    groupEnd = b;
    if (declared != null) {
      groupDeclared.addAll(declared);
    }
  }

  private void flush() {
    if (groupStart >= 0) {
      List<String> symbols = new ArrayList<>(groupEnclosing);
      symbols.addAll(groupDeclared);
      emit(groupStart, groupEnd, symbols);
    }
    groupStart = -1;
    groupEnd = -1;
    groupDeclared.clear();
    groupEnclosing = List.of();
  }

  private void windows(int a, int b, List<String> symbols) {
    int s = a;
    while (true) {
      int e = Math.min(b, s + config.windowLines() - 1);
      while (e > s && chars(s, e) > config.maxChars()) {
        e = s + (e - s) / 2;
      }
      emit(s, e, symbols);
      if (e >= b) {
        return;
      }
      int span = e - s + 1;
      int overlap = Math.min(config.overlapLines(), span - 1);
      s = e + 1 - overlap;
    }
  }

  private void emit(int a, int b, List<String> symbols) {
    StringBuilder sb = new StringBuilder(chars(a, b));
    for (int i = a; i <= b; i++) {
      if (i > a) {
        sb.append('\n');
      }
      sb.append(lines[i - 1]);
    }
    String content = sb.toString();
    List<String> syms = List.copyOf(new LinkedHashSet<>(symbols));
    out.add(new Chunk(path, language, a, b, syms, content,
        RepositoryWalker.sha256(content.getBytes(StandardCharsets.UTF_8))));
  }

  /// Splits text into lines on `\n`, dropping a trailing `\r` from each and the empty piece after a
  /// final newline.
  public static String[] lines(String text) {
    if (text.isEmpty()) {
      return new String[0];
    }
    List<String> l = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (text.charAt(i) == '\n') {
        l.add(stripCr(text.substring(start, i)));
        start = i + 1;
      }
    }
    if (start < n) {
      l.add(stripCr(text.substring(start)));
    }
    return l.toArray(new String[0]);
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
