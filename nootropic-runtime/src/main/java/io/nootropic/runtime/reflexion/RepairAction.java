package io.nootropic.runtime.reflexion;

import java.util.Locale;

/// What a repair rule does about a failure.
public enum RepairAction {
  /// Try again, with the rule's revisions applied.
  RETRY,
  /// Restore the last good checkpoint, then try again.
  ROLLBACK,
  /// Try again on another model.
  SWITCH_MODEL,
  /// Ask a person; their guidance is applied to the next try.
  ESCALATE;

  /// The name used in policy documents: `retry`, `rollback`, `switchModel`, `escalate`.
  public String externalName() {
    return switch (this) {
      case RETRY -> "retry";
      case ROLLBACK -> "rollback";
      case SWITCH_MODEL -> "switchModel";
      case ESCALATE -> "escalate";
    };
  }

  /// Looks an action up by its document name, ignoring case and dashes.
  ///
  /// @throws IllegalArgumentException naming the accepted values
  public static RepairAction forName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    for (RepairAction a : values()) {
      if (a.externalName().toLowerCase(Locale.ROOT).equals(n)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown action '" + name + "'; expected one of retry, rollback, switchModel, escalate");
  }
}
