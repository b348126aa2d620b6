package io.nootropic.runtime.routing;

import io.nootropic.api.model.ChatRequest;
import java.util.List;
import java.util.Locale;

/// Chooses which model answers a request, and in which order the others are tried if it fails.
///
/// Strategies see every candidate with its measured statistics and must explain themselves: the
/// returned [RoutingDecision] carries a verdict for every candidate.
public interface RoutingStrategy {

  /// The stable name, e.g. `local-first`.
  String name();

  /// Decides.
  ///
  /// @throws RoutingException when no candidate is eligible; the message lists every rejection
  RoutingDecision route(ChatRequest request, CallContext context, List<Candidate> candidates);

  /// Local models first; a remote one only when no local model meets the capabilities and the
  /// SLA (measured), or as a fallback when the local one fails or times out.
  static RoutingStrategy localFirst() {
    return Strategies.LOCAL_FIRST;
  }

  /// The cheapest model (estimated cost of this request) that meets the capabilities and the SLA.
  static RoutingStrategy cheapest() {
    return Strategies.CHEAPEST;
  }

  /// By request complexity: prompts under `simpleBelowTokens` with no tools go local-first;
  /// anything with tools or over `complexFromTokens` goes to the most capable model (tool
  /// support, then context length, then price as a proxy for strength); in between, cheapest.
  static RoutingStrategy byComplexity(int simpleBelowTokens, int complexFromTokens) {
    return new Strategies.ByComplexity(simpleBelowTokens, complexFromTokens);
  }

  /// [#byComplexity(int, int)] with thresholds of 512 and 4,096 prompt tokens.
  static RoutingStrategy byComplexity() {
    return byComplexity(512, 4096);
  }

  /// Looks a strategy up by name: `local-first`, `cheapest` or `complexity`.
  ///
  /// @throws IllegalArgumentException naming the accepted values
  static RoutingStrategy forName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "local-first", "local" -> localFirst();
      case "cheapest", "cost" -> cheapest();
      case "complexity", "by-complexity" -> byComplexity();
      default -> throw new IllegalArgumentException(
          "unknown routing strategy '" + name + "'; expected one of local-first, cheapest, complexity");
    };
  }
}
