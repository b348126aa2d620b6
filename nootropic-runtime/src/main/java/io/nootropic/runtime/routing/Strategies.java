package io.nootropic.runtime.routing;

import io.nootropic.api.model.ChatRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/// The built-in routing strategies.
final class Strategies {

  private Strategies() { }

  static final RoutingStrategy LOCAL_FIRST = new Ordered("local-first",
      Comparator.comparing((Candidate c) -> !c.descriptor().local())
          .thenComparing(c -> c.descriptor().expectedLatency())
          .thenComparingDouble(Candidate::estimatedCostUsd)) {
    @Override
    String why(Candidate c, int rank) {
      return (c.descriptor().local() ? "local" : "remote") + ", meets capabilities and SLA"
          + (rank == 1 ? (c.descriptor().local() ? ", local preferred" : ", no eligible local model") : ", fallback");
    }
  };

  static final RoutingStrategy CHEAPEST = new Ordered("cheapest",
      Comparator.comparingDouble(Candidate::estimatedCostUsd)
          .thenComparing(c -> latencyOf(c))) {
    @Override
    String why(Candidate c, int rank) {
      return String.format(Locale.ROOT, "estimated cost $%.6f%s", c.estimatedCostUsd(), rank == 1 ? ", the cheapest eligible" : "");
    }
  };

  static Duration latencyOf(Candidate c) {
    return c.stats().latencyP50() != null ? c.stats().latencyP50() : c.descriptor().expectedLatency();
  }

  /// Why a candidate cannot serve the request at all, or `null`.
  static String ineligibility(ChatRequest request, CallContext context, Candidate c) {
    if (!c.available()) {
      return c.unavailableReason();
    }
    var d = c.descriptor();
    if (!request.tools().isEmpty() && !d.supportsTools()) {
      return "needs tool calls, model has no tool support";
    }
    if (request.options().jsonOutput() && !d.supportsJson()) {
      return "needs JSON output, model cannot be constrained to JSON";
    }
    long needed = c.estimatedInputTokens() + request.options().maxTokens();
    if (needed > d.contextLength()) {
      return "needs ~" + needed + " tokens of context, model has " + d.contextLength();
    }
    Sla sla = context.sla();
    ModelStats s = c.stats();
    if (s.samples() >= 5 && s.errorRate() > sla.maxErrorRate()) {
      return String.format(Locale.ROOT, "error rate %.2f over the last %d calls exceeds SLA %.2f", s.errorRate(), s.samples(), sla.maxErrorRate());
    }
    if (sla.maxLatency() != null) {
      Duration measured = s.latencyP95();
      if (measured != null && measured.compareTo(sla.maxLatency()) > 0) {
        return "measured p95 latency " + measured.toMillis() + " ms misses SLA " + sla.maxLatency().toMillis() + " ms";
      }
      if (measured == null && d.expectedLatency().compareTo(sla.maxLatency()) > 0) {
        return "declared latency " + d.expectedLatency().toMillis() + " ms misses SLA " + sla.maxLatency().toMillis() + " ms";
      }
    }
    if (sla.maxTimeToFirstToken() != null && s.timeToFirstTokenP95() != null
        && s.timeToFirstTokenP95().compareTo(sla.maxTimeToFirstToken()) > 0) {
      return "measured p95 time to first token " + s.timeToFirstTokenP95().toMillis() + " ms misses SLA "
          + sla.maxTimeToFirstToken().toMillis() + " ms";
    }
    return null;
  }

  /// Filters by eligibility, sorts by an order, explains.
  abstract static class Ordered implements RoutingStrategy {
    private final String name;
    private final Comparator<Candidate> order;

    Ordered(String name, Comparator<Candidate> order) {
      this.name = name;
      this.order = order;
    }

    @Override
    public String name() {
      return name;
    }

    abstract String why(Candidate c, int rank);

    String headline(Candidate chosen) {
      return why(chosen, 1);
    }

    @Override
    public RoutingDecision route(ChatRequest request, CallContext context, List<Candidate> candidates) {
      return decide(name(), request, context, candidates, order, this::why, this::headline);
    }
  }

  interface Why {
    String of(Candidate c, int rank);
  }

  static RoutingDecision decide(String name, ChatRequest request, CallContext context, List<Candidate> candidates,
      Comparator<Candidate> order, Why why, java.util.function.Function<Candidate, String> headline) {
    Map<ModelRef, CandidateVerdict> verdicts = new LinkedHashMap<>();
    List<Candidate> eligible = new ArrayList<>();
    for (Candidate c : candidates) {
      String no = ineligibility(request, context, c);
      if (no == null) {
        eligible.add(c);
      } else {
        verdicts.put(c.ref(), new CandidateVerdict(c.ref(), false, 0, no));
      }
    }
    if (eligible.isEmpty()) {
      throw new RoutingException(name, List.copyOf(verdicts.values()));
    }
    eligible.sort(order);
    List<CandidateVerdict> ordered = new ArrayList<>();
    for (int i = 0; i < eligible.size(); i++) {
      Candidate c = eligible.get(i);
      ordered.add(new CandidateVerdict(c.ref(), true, i + 1, why.of(c, i + 1)));
    }
    ordered.addAll(verdicts.values());
    List<ModelRef> fallbacks = eligible.subList(1, eligible.size()).stream().map(Candidate::ref).toList();
    return new RoutingDecision(name, eligible.get(0).ref(), fallbacks, ordered, headline.apply(eligible.get(0)));
  }

  /// Routes by prompt size and tool needs.
  record ByComplexity(int simpleBelowTokens, int complexFromTokens) implements RoutingStrategy {

    ByComplexity {
      if (simpleBelowTokens < 0 || complexFromTokens < simpleBelowTokens) {
        throw new IllegalArgumentException("need 0 <= simpleBelowTokens <= complexFromTokens, got "
            + simpleBelowTokens + " and " + complexFromTokens);
      }
    }

    @Override
    public String name() {
      return "complexity";
    }

    @Override
    public RoutingDecision route(ChatRequest request, CallContext context, List<Candidate> candidates) {
      long promptTokens = candidates.isEmpty() ? 0 : candidates.get(0).estimatedInputTokens();
      boolean tools = !request.tools().isEmpty();
      String tier;
      Comparator<Candidate> order;
      if (tools || promptTokens >= complexFromTokens) {
        tier = "complex (" + promptTokens + " prompt tokens" + (tools ? ", " + request.tools().size() + " tools" : "") + ")";
        order = Comparator.comparing((Candidate c) -> !c.descriptor().supportsTools())
            .thenComparing(c -> -c.descriptor().contextLength())
            .thenComparing(c -> -(c.descriptor().costPer1kInputTokens() + c.descriptor().costPer1kOutputTokens()));
      } else if (promptTokens < simpleBelowTokens) {
        tier = "simple (" + promptTokens + " prompt tokens, no tools)";
        order = Comparator.comparing((Candidate c) -> !c.descriptor().local()).thenComparingDouble(Candidate::estimatedCostUsd);
      } else {
        tier = "moderate (" + promptTokens + " prompt tokens, no tools)";
        order = Comparator.comparingDouble(Candidate::estimatedCostUsd).thenComparing(Strategies::latencyOf);
      }
      String preference = tier.startsWith("complex") ? "most capable first"
          : tier.startsWith("simple") ? "local first" : "cheapest first";
      return decide(name(), request, context, candidates, order,
          (c, rank) -> tier + ", " + preference + (rank == 1 ? "" : ", fallback"),
          c -> "request is " + tier + ", so " + preference + ": " + c.ref());
    }
  }
}
