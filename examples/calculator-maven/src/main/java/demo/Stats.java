package demo;

/// Small statistics over int arrays.
public final class Stats {

  private Stats() {}

  /// The arithmetic mean; 0 for an empty array.
  public static double mean(int[] values) {
    if (values.length == 0) {
      return 0;
    }
    int sum = 0;
    for (int v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /// The largest value.
  public static int max(int[] values) {
    int max = Integer.MIN_VALUE;
    for (int v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
