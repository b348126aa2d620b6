package io.nootropic.api.agent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/// A question put to a person through [HumanInTheLoop].
///
/// @param runId   the run asking
/// @param subject one line: what needs a decision
/// @param details the full story (what was tried, what failed), plain text
/// @param options the answers offered, e.g. `approve`, `deny`, `retry`; empty means yes/no
/// @param context free-form attributes (task id, agent, model); [#KIND] says what is asked
public record HumanQuestion(String runId, String subject, String details, List<String> options,
    Map<String, String> context) {

  /// The context key naming the kind of approval asked for: `command` (a dangerous command),
  /// `protected-path` (a change of a protected file), `budget` (a model call over budget) or
  /// `escalation` (a step that keeps failing), so a host can approve some kinds up front.
  public static final String KIND = "approval.kind";

  /// The kind of approval asked for ([#KIND]), or `""`.
  public String kind() {
    return context.getOrDefault(KIND, "");
  }

  /// Checks the fields.
  public HumanQuestion {
    Objects.requireNonNull(subject, "subject");
    runId = runId == null ? "" : runId;
    details = details == null ? "" : details;
    options = options == null ? List.of() : List.copyOf(options);
    context = context == null ? Map.of() : Map.copyOf(context);
  }
}
