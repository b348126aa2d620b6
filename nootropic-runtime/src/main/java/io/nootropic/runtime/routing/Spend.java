package io.nootropic.runtime.routing;

/// What has been spent: calls, tokens and dollars.
///
/// @param calls   successful model calls
/// @param tokens  prompt plus completion tokens
/// @param costUsd US dollars
public record Spend(long calls, long tokens, double costUsd) {

  /// Nothing spent.
  public static final Spend NONE = new Spend(0, 0, 0);

  /// This plus one call.
  public Spend plus(long tokens, double costUsd) {
    return new Spend(calls + 1, this.tokens + tokens, this.costUsd + costUsd);
  }
}
