package io.nootropic.context.internal;

import io.nootropic.api.model.TokenCounter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.Bits;

/// The repository map: files ranked by PageRank over "file A mentions an identifier that file B
/// declares" edges, each with its symbols ranked by how much rank flows to them from the files
/// referring to them; rendered greedily within a token budget.
public final class RepoMap {

  private static final int SYMBOLS_PER_FILE = 8;
  private static final double DAMPING = 0.85;
  private static final int ITERATIONS = 30;

  private RepoMap() { }

  /// A file's definitions and references.
  public record FileEntry(String path, List<Def> defs, Set<String> refs) { }

  /// A definition in a file.
  public record Def(String name, int line, int depth) { }

  /// A ranked symbol of a ranked file.
  public record RankedSymbol(String name, int line, int referencingFiles, double score) { }

  /// A ranked file.
  public record RankedFile(String path, double rank, List<RankedSymbol> symbols) { }

  /// Reads the file documents of an index view.
  public static List<FileEntry> read(DirectoryReader reader) throws IOException {
    List<FileEntry> out = new ArrayList<>();
    for (LeafReaderContext ctx : reader.leaves()) {
      LeafReader leaf = ctx.reader();
      Bits live = leaf.getLiveDocs();
      StoredFields sf = leaf.storedFields();
      for (int d = 0; d < leaf.maxDoc(); d++) {
        if (live != null && !live.get(d)) {
          continue;
        }
        Document doc = sf.document(d, Set.of(Fields.KIND, Fields.PATH, Fields.DEFS, Fields.REFS));
        if (!"file".equals(doc.get(Fields.KIND))) {
          continue;
        }
        List<Def> defs = new ArrayList<>();
        String raw = doc.get(Fields.DEFS);
        if (raw != null) {
          for (String line : raw.split("\n")) {
            String[] p = line.split("\t");
            if (p.length == 3) {
              try {
                defs.add(new Def(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2])));
              } catch (NumberFormatException e) {
                // a damaged entry is skipped
              }
            }
          }
        }
        String refs = doc.get(Fields.REFS);
        Set<String> refSet = refs == null || refs.isBlank() ? Set.of() : new HashSet<>(Arrays.asList(refs.split(" ")));
        out.add(new FileEntry(doc.get(Fields.PATH), defs, refSet));
      }
    }
    out.sort(Comparator.comparing(FileEntry::path));
    return out;
  }

  private record Definer(int file, String owner) { }

  /// Ranks files and their symbols.
  ///
  /// A file refers to a top-level symbol of another file when it mentions its name; it refers to
  /// a member (depth 1) only when it also mentions the member's top-level owner, so common member
  /// names (`size`, `close`) do not link unrelated files.
  public static List<RankedFile> rank(List<FileEntry> files) {
    int n = files.size();
    Map<String, List<Definer>> definers = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String owner = null;
      for (Def d : files.get(i).defs) {
        if (d.depth == 0) {
          owner = d.name;
        }
        if (d.depth <= 1 && d.name.length() >= 3) {
          definers.computeIfAbsent(d.name, k -> new ArrayList<>()).add(new Definer(i, d.depth == 0 ? null : owner));
        }
      }
    }
    // edges a -> b with weights, and per (file, symbol) usage: referencing files and the rank flowing in
    List<Map<Integer, Double>> out = new ArrayList<>();
    Map<String, List<Integer>> users = new HashMap<>();   // (file, name) -> referencing files
    for (int a = 0; a < n; a++) {
      Map<Integer, Double> edges = new HashMap<>();
      Set<String> refs = files.get(a).refs;
      for (String ref : refs) {
        List<Definer> targets = definers.get(ref);
        if (targets == null) {
          continue;
        }
        List<Definer> valid = new ArrayList<>();
        for (Definer t : targets) {
          if (t.file != a && (t.owner == null || refs.contains(t.owner))) {
            valid.add(t);
          }
        }
        for (Definer t : valid) {
          edges.merge(t.file, 1.0 / valid.size(), Double::sum);
          List<Integer> u = users.computeIfAbsent(t.file + "\u0000" + ref, k -> new ArrayList<>());
          if (u.isEmpty() || u.getLast() != a) {
            u.add(a);
          }
        }
      }
      out.add(edges);
    }
    double[] rank = new double[n];
    Arrays.fill(rank, n == 0 ? 0 : 1.0 / n);
    for (int it = 0; it < ITERATIONS && n > 0; it++) {
      double[] next = new double[n];
      double dangling = 0;
      for (int a = 0; a < n; a++) {
        Map<Integer, Double> edges = out.get(a);
        double total = 0;
        for (double w : edges.values()) {
          total += w;
        }
        if (total == 0) {
          dangling += rank[a];
          continue;
        }
        for (Map.Entry<Integer, Double> e : edges.entrySet()) {
          next[e.getKey()] += DAMPING * rank[a] * e.getValue() / total;
        }
      }
      double base = (1 - DAMPING) / n + DAMPING * dangling / n;
      for (int i = 0; i < n; i++) {
        next[i] += base;
      }
      rank = next;
    }
    List<RankedFile> result = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      FileEntry f = files.get(b);
      List<RankedSymbol> syms = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Def d : f.defs) {
        if (!seen.add(d.name)) {
          continue;
        }
        List<Integer> u = users.getOrDefault(b + "\u0000" + d.name, List.of());
        double score = 0;
        for (int a : u) {
          score += rank[a];
        }
        syms.add(new RankedSymbol(d.name, d.line, u.size(), score - d.depth * 1e-9));
      }
      syms.sort(Comparator.comparingDouble((RankedSymbol s) -> -s.score).thenComparingInt(RankedSymbol::line));
      result.add(new RankedFile(f.path, rank[b], syms.subList(0, Math.min(SYMBOLS_PER_FILE, syms.size()))));
    }
    result.sort(Comparator.comparingDouble((RankedFile r) -> -r.rank).thenComparing(RankedFile::path));
    return result;
  }

  /// Renders the ranked files within `budget` tokens (never more).
  public static String render(List<RankedFile> ranked, int budget, TokenCounter counter) {
    StringBuilder sb = new StringBuilder();
    String header = "# repo map: files by rank, symbols by references from other files\n";
    if (counter.count(header) > budget) {
      return "";
    }
    sb.append(header);
    for (RankedFile f : ranked) {
      StringBuilder block = new StringBuilder();
      block.append(f.path).append('\n');
      for (RankedSymbol s : f.symbols) {
        block.append("  ").append(s.name).append(" :").append(s.line);
        if (s.referencingFiles > 0) {
          block.append(" (used by ").append(s.referencingFiles).append(s.referencingFiles == 1 ? " file)" : " files)");
        }
        block.append('\n');
      }
      String candidate = sb + block.toString();
      if (counter.count(candidate) <= budget) {
        sb.append(block);
      } else {
        String pathOnly = sb + f.path + '\n';
        if (counter.count(pathOnly) <= budget) {
          sb.append(f.path).append('\n');
        } else {
          break;
        }
      }
    }
    return sb.toString();
  }

  /// Reads, ranks and renders.
  public static String render(DirectoryReader reader, int budget, TokenCounter counter) throws IOException {
    return render(rank(read(reader)), budget, counter);
  }
}
