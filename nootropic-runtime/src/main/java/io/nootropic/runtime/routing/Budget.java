package io.nootropic.runtime.routing;

/// A spending limit in tokens and US dollars; either may be unlimited.
///
/// @param maxTokens  most prompt plus completion tokens, or [Long#MAX_VALUE]
/// @param maxCostUsd most dollars, or [Double#POSITIVE_INFINITY]
public record Budget(long maxTokens, double maxCostUsd) {

  /// No limit.
  public static final Budget UNLIMITED = new Budget(Long.MAX_VALUE, Double.POSITIVE_INFINITY);

  /// Checks the fields.
  public Budget {
    if (maxTokens < 0 || !(maxCostUsd >= 0)) {
      throw new IllegalArgumentException("budget limits must be >= 0, got " + maxTokens + " tokens and $" + maxCostUsd);
    }
  }

  /// A budget of at most `maxTokens` tokens.
  public static Budget tokens(long maxTokens) {
    return new Budget(maxTokens, Double.POSITIVE_INFINITY);
  }

  /// A budget of at most `maxCostUsd` dollars.
  public static Budget dollars(double maxCostUsd) {
    return new Budget(Long.MAX_VALUE, maxCostUsd);
  }
}
