package io.nootropic.runtime.routing;

import java.util.List;

/// A call was refused because it would exceed a budget; the message names the budget, what was
/// spent and what the call would have cost.
public class BudgetExceededException extends ModelCallException {

  private static final long serialVersionUID = 1L;

  /// Creates the exception.
  public BudgetExceededException(String message, RoutingDecision decision) {
    super(message, FailureKind.BUDGET_EXCEEDED, List.of(), decision, null);
  }
}
