package io.nootropic.runtime.executor;

import com.fasterxml.jackson.databind.JsonNode;
import io.nootropic.api.task.TaskId;
import io.nootropic.api.task.TaskStatus;
import java.util.Map;

/// How a run ended.
///
/// @param runId    the run
/// @param statuses final status of every task, in topological order
/// @param results  results of the succeeded tasks
/// @param errors   error or skip cause of every task that did not succeed
public record RunResult(
    String runId, Map<TaskId, TaskStatus> statuses, Map<TaskId, JsonNode> results, Map<TaskId, String> errors) {

  /// Copies the maps.
  public RunResult {
    statuses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(statuses));
    results = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(results));
    errors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(errors));
  }

  /// Whether every task succeeded.
  public boolean succeeded() {
    return statuses.values().stream().allMatch(s -> s == TaskStatus.SUCCEEDED);
  }

  /// Whether every task reached a terminal status.
  public boolean finished() {
    return statuses.values().stream().allMatch(TaskStatus::isTerminal);
  }
}
