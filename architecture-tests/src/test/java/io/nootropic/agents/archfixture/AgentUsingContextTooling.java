package io.nootropic.agents.archfixture;

/// Fixture: an agent using retrieval evaluation, which context exports to the CLI only.
public final class AgentUsingContextTooling {
  /// Names the tooling type.
  public static Class<?> type() {
    return io.nootropic.context.eval.RetrievalEvaluation.class;
  }
}
