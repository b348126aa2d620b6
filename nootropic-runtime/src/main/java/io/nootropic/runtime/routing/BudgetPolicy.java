package io.nootropic.runtime.routing;

import java.util.Locale;

/// What happens when a call would exceed a run's or an agent's budget.
public enum BudgetPolicy {
  /// Route to a model whose estimated cost still fits (cheaper or local); fail if none does.
  SWITCH_TO_CHEAPER,
  /// Stop with a [BudgetExceededException].
  FAIL,
  /// Ask a person through [io.nootropic.api.agent.HumanInTheLoop]; go on only if approved.
  ASK_HUMAN;

  /// Looks a policy up by name (`switch-to-cheaper`, `fail`, `ask-human`), ignoring case.
  public static BudgetPolicy forName(String name) {
    for (BudgetPolicy p : values()) {
      if (p.name().equalsIgnoreCase(name.replace('-', '_'))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown budget policy '" + name + "'; expected switch-to-cheaper, fail or ask-human");
  }

  /// The lower-case, dash-separated name.
  public String externalName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
