package io.nootropic.runtime.event;

import java.util.Objects;
import java.util.regex.Pattern;

/// Selects event topics. Topics and patterns are dot-separated segments; in a pattern `*` matches
/// exactly one segment and `**` any number of segments (none included), so `task.*` matches
/// `task.succeeded`, `task.**` matches `task` and everything under it, and `**` matches all.
///
/// @param pattern the pattern text
public record TopicPattern(String pattern) {

  private static final Pattern SYNTAX = Pattern.compile("(\\*\\*|\\*|[a-z0-9_-]+)(\\.(\\*\\*|\\*|[a-z0-9_-]+))*");

  /// Checks the syntax.
  public TopicPattern {
    Objects.requireNonNull(pattern, "pattern");
    if (!SYNTAX.matcher(pattern).matches()) {
      throw new IllegalArgumentException("invalid topic pattern '" + pattern
          + "': use dot-separated lower-case segments, '*' for one segment, '**' for any number");
    }
  }

  /// Parses a pattern.
  public static TopicPattern of(String pattern) {
    return new TopicPattern(pattern);
  }

  /// Whether `topic` matches this pattern.
  public boolean matches(String topic) {
    if (pattern.equals("**")) {
      return true;
    }
    if (topic == null) {
      return false;
    }
    return match(pattern.split("\\."), 0, topic.split("\\."), 0);
  }

  private static boolean match(String[] p, int i, String[] t, int j) {
    while (i < p.length) {
      String s = p[i];
      if (s.equals("**")) {
        if (i == p.length - 1) {
          return true;
        }
        for (int k = j; k <= t.length; k++) {
          if (match(p, i + 1, t, k)) {
            return true;
          }
        }
        return false;
      }
      if (j >= t.length || !(s.equals("*") || s.equals(t[j]))) {
        return false;
      }
      i++;
      j++;
    }
    return j == t.length;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
