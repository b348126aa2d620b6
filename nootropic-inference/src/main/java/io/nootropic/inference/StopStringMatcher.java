package io.nootropic.inference;

import java.util.List;

/// Holds back generated text until it is certain it does not begin a stop string. Generation stops
/// where a stop string is first completed; the text before that occurrence is kept.
final class StopStringMatcher {

  private final String[] stops;
  private final StringBuilder pending = new StringBuilder();
  private String matched;

  StopStringMatcher(List<String> stops) {
    this.stops = stops.stream().filter(s -> s != null && !s.isEmpty()).toArray(String[]::new);
  }

  /// Adds text; returns the part that can be emitted now ("" if none). After a stop string
  /// matches, [#matched()] is set and the returned text is what preceded it.
  String push(String text) {
    if (stops.length == 0) {
      return text;
    }
    pending.append(text);
    // the stop string completed earliest (smallest end) wins, so the result does not depend on how
    // the text was cut into pieces; on the same end, the one starting first
    int first = -1;
    int firstEnd = -1;
    String which = null;
    for (String s : stops) {
      int i = pending.indexOf(s);
      if (i >= 0) {
        int end = i + s.length();
        if (which == null || end < firstEnd || (end == firstEnd && i < first)) {
          first = i;
          firstEnd = end;
          which = s;
        }
      }
    }
    if (which != null) {
      matched = which;
      String out = pending.substring(0, first);
      pending.setLength(0);
      return out;
    }
    int hold = 0;
    for (String s : stops) {
      int max = Math.min(s.length() - 1, pending.length());
      for (int k = max; k > hold; k--) {
        if (endsWithPrefix(pending, s, k)) {
          hold = k;
          break;
        }
      }
    }
    String out = pending.substring(0, pending.length() - hold);
    pending.delete(0, pending.length() - hold);
    return out;
  }

  private static boolean endsWithPrefix(StringBuilder sb, String s, int k) {
    int off = sb.length() - k;
    for (int i = 0; i < k; i++) {
      if (sb.charAt(off + i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /// The text still held back (emitted when generation ends without a stop string).
  String flush() {
    String out = pending.toString();
    pending.setLength(0);
    return out;
  }

  /// The stop string that matched, or `null`.
  String matched() {
    return matched;
  }
}
