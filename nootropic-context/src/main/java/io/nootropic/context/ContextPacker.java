package io.nootropic.context;

import io.nootropic.api.model.TokenCounter;
import io.nootropic.api.retrieval.PackedContext;
import io.nootropic.api.retrieval.SearchHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/// Packs retrieved chunks into prompt text within a token budget.
///
/// Hits are taken in the order given (best first); each is kept only if the whole rendered text
/// still fits the budget under the given [TokenCounter], so the result never exceeds it. Chunks
/// of one file that touch or overlap are merged into one block; each block starts with a header
/// naming the file and its line range.
public final class ContextPacker {

  private ContextPacker() { }

  /// Packs `hits` into at most `tokenBudget` tokens.
  public static PackedContext pack(List<SearchHit> hits, int tokenBudget, TokenCounter counter) {
    Objects.requireNonNull(hits, "hits");
    Objects.requireNonNull(counter, "counter");
    List<SearchHit> kept = new ArrayList<>();
    String text = "";
    int tokens = counter.count("");
    if (tokenBudget <= 0) {
      return new PackedContext("", Math.min(tokens, 0), List.of());
    }
    for (SearchHit h : hits) {
      if (h == null) {
        continue;
      }
      kept.add(h);
      String candidate = render(kept);
      int t = counter.count(candidate);
      if (t <= tokenBudget) {
        text = candidate;
        tokens = t;
      } else {
        kept.removeLast();
      }
    }
    return new PackedContext(text, kept.isEmpty() ? 0 : tokens, kept);
  }

  /// Renders hits grouped by file (files in order of first appearance), merging touching ranges.
  public static String render(List<SearchHit> hits) {
    Map<String, List<SearchHit>> byFile = new LinkedHashMap<>();
    for (SearchHit h : hits) {
      byFile.computeIfAbsent(h.path(), p -> new ArrayList<>()).add(h);
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<SearchHit>> e : byFile.entrySet()) {
      List<SearchHit> list = new ArrayList<>(e.getValue());
      list.sort(Comparator.comparingInt(SearchHit::startLine));
      int i = 0;
      while (i < list.size()) {
        TreeMap<Integer, String> lines = new TreeMap<>();
        int start = list.get(i).startLine();
        int end = list.get(i).endLine();
        addLines(lines, list.get(i));
        int j = i + 1;
        while (j < list.size() && list.get(j).startLine() <= end + 1) {
          end = Math.max(end, list.get(j).endLine());
          addLines(lines, list.get(j));
          j++;
        }
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append("// ").append(e.getKey()).append(" lines ").append(start).append('-').append(end).append('\n');
        for (int ln = start; ln <= end; ln++) {
          sb.append(lines.getOrDefault(ln, "")).append('\n');
        }
        i = j;
      }
    }
    return sb.toString();
  }

  private static void addLines(TreeMap<Integer, String> lines, SearchHit h) {
    String[] parts = h.content().split("\n", -1);
    for (int k = 0; k < parts.length && h.startLine() + k <= h.endLine(); k++) {
      lines.putIfAbsent(h.startLine() + k, parts[k]);
    }
  }
}
