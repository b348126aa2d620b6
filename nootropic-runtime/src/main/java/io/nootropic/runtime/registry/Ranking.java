package io.nootropic.runtime.registry;

import io.nootropic.api.CapabilityDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/// Scores capabilities against a [RegistryQuery] and suggests names for typos.
///
/// Per keyword: exact name 100, a word of the name 40, part of the name 20, a tag 30, a tag prefix
/// 10, the kind 15, a summary word 10 (prefix 5), a description word 3. Scores add up over
/// keywords; ties go to the lower name.
final class Ranking {

  static final int EXACT_NAME = 100;
  static final int NAME_WORD = 40;
  static final int NAME_PART = 20;
  static final int TAG = 30;
  static final int TAG_PREFIX = 10;
  static final int KIND = 15;
  static final int SUMMARY_WORD = 10;
  static final int SUMMARY_PREFIX = 5;
  static final int DESCRIPTION_WORD = 3;

  private Ranking() {}

  /// Filters by kind and tags, scores by keywords, and orders by score then name.
  public static List<CapabilityMatch> rank(Collection<Capability> all, RegistryQuery q) {
    List<String> keywords = words(q.text());
    String whole = q.text().toLowerCase(Locale.ROOT);
    List<CapabilityMatch> out = new ArrayList<>();
    for (Capability c : all) {
      CapabilityDescriptor d = c.descriptor();
      if (q.kind() != null && d.kind() != q.kind()) {
        continue;
      }
      if (!d.tags().containsAll(q.tags())) {
        continue;
      }
      if (keywords.isEmpty()) {
        out.add(new CapabilityMatch(c, 0, List.of()));
        continue;
      }
      int score = 0;
      List<String> reasons = new ArrayList<>();
      if (d.name().equals(whole)) {
        score += EXACT_NAME;
        reasons.add("exact name");
      }
      List<String> nameWords = Arrays.asList(d.name().split("[.-]"));
      Set<String> summaryWords = new LinkedHashSet<>(words(d.summary()));
      Set<String> descriptionWords = new LinkedHashSet<>(words(d.description()));
      for (String k : keywords) {
        if (nameWords.contains(k)) {
          score += NAME_WORD;
          reasons.add("name word '" + k + "'");
        } else if (d.name().contains(k)) {
          score += NAME_PART;
          reasons.add("name contains '" + k + "'");
        }
        if (d.tags().contains(k)) {
          score += TAG;
          reasons.add("tag '" + k + "'");
        } else if (k.length() >= 3 && d.tags().stream().anyMatch(t -> t.startsWith(k))) {
          score += TAG_PREFIX;
          reasons.add("tag starts with '" + k + "'");
        }
        if (d.kind().externalName().equals(k) || d.kind().externalName().replace("-", "").equals(k)) {
          score += KIND;
          reasons.add("kind '" + k + "'");
        }
        if (summaryWords.contains(k)) {
          score += SUMMARY_WORD;
          reasons.add("summary mentions '" + k + "'");
        } else if (k.length() >= 3 && summaryWords.stream().anyMatch(w -> w.startsWith(k))) {
          score += SUMMARY_PREFIX;
          reasons.add("summary word starts with '" + k + "'");
        }
        if (descriptionWords.contains(k)) {
          score += DESCRIPTION_WORD;
          reasons.add("description mentions '" + k + "'");
        }
      }
      if (score > 0) {
        out.add(new CapabilityMatch(c, score, reasons));
      }
    }
    out.sort(Comparator.comparingInt(CapabilityMatch::score).reversed()
        .thenComparing(m -> m.capability().name()));
    return out.size() > q.limit() ? List.copyOf(out.subList(0, q.limit())) : out;
  }

  /// Lower-case words of letters and digits.
  static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty())
        .toList();
  }

  /// Up to three known names that look like `name` (edit distance at most 2 to the name, at most 1
  /// to one of its words, or containing it),
  /// closest first.
  public static List<String> suggestions(String name, Collection<String> known) {
    String n = name.toLowerCase(Locale.ROOT);
    record Scored(String name, int distance) {}
    return known.stream()
        .map(k -> new Scored(k, k.contains(n) || n.contains(k) ? 0 : closest(n, k)))
        .filter(s -> s.distance() <= 2 && !n.isEmpty())
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
        .limit(3)
        .map(Scored::name)
        .toList();
  }

  /// The smaller of the distance to the whole name and to its best-matching word, plus one for a
  /// word match so whole-name matches rank first.
  private static int closest(String n, String name) {
    int best = distance(n, name);
    for (String word : name.split("[.-]")) {
      best = Math.min(best, distance(n, word) + 1);
    }
    return best;
  }

  /// Levenshtein distance.
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
