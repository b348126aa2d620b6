package io.nootropic.runtime.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.nootropic.api.task.TaskEstimate;
import io.nootropic.api.task.TaskId;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/// What a task is: the capability it runs, its inputs, its estimate, what it depends on and how it
/// is retried.
///
/// @param id          unique within the graph
/// @param capability  name of the capability that executes it, e.g. `demo.sleep`
/// @param inputs      JSON input handed to the capability
/// @param estimate    expected duration and cost
/// @param deps        tasks that must succeed first, without duplicates
/// @param retry       retry policy
/// @param timeout     limit per attempt; `null` means the executor's default
/// @param onInterrupt what resume does if the task was running at a crash
public record TaskSpec(
    TaskId id,
    String capability,
    JsonNode inputs,
    TaskEstimate estimate,
    List<TaskId> deps,
    RetrySpec retry,
    Duration timeout,
    InterruptPolicy onInterrupt) {

  /// The longest accepted estimate: 10^12 ms (about 31 years).
  public static final Duration MAX_ESTIMATE = Duration.ofMillis(1_000_000_000_000L);

  /// Checks the fields and copies the dependency list.
  public TaskSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(capability, "capability");
    if (capability.isBlank()) {
      throw new IllegalArgumentException("task " + id + " has a blank capability");
    }
    inputs = inputs == null ? NullNode.getInstance() : inputs;
    estimate = estimate == null ? TaskEstimate.ZERO : estimate;
    if (estimate.duration().compareTo(MAX_ESTIMATE) > 0) {
      throw new IllegalArgumentException("estimate of task " + id + " is " + estimate.duration()
          + ", over the limit of " + MAX_ESTIMATE + " (keeps critical-path sums from overflowing)");
    }
    deps = deps == null ? List.of() : List.copyOf(new LinkedHashSet<>(deps));
    if (deps.contains(id)) {
      throw new IllegalArgumentException("task " + id + " depends on itself");
    }
    retry = retry == null ? RetrySpec.DEFAULT : retry;
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout of task " + id + " must be positive, was " + timeout);
    }
    onInterrupt = onInterrupt == null ? InterruptPolicy.RETRY : onInterrupt;
  }

  /// A task with default retry, timeout and interrupt policy.
  public static TaskSpec of(String id, String capability, JsonNode inputs, Duration estimate, String... deps) {
    return new TaskSpec(TaskId.of(id), capability, inputs, TaskEstimate.of(estimate),
        java.util.Arrays.stream(deps).map(TaskId::of).toList(), null, null, null);
  }

  /// A copy with another estimate.
  public TaskSpec withEstimate(TaskEstimate e) {
    return new TaskSpec(id, capability, inputs, e, deps, retry, timeout, onInterrupt);
  }

  /// A copy with another retry policy.
  public TaskSpec withRetry(RetrySpec r) {
    return new TaskSpec(id, capability, inputs, estimate, deps, r, timeout, onInterrupt);
  }

  /// A copy with another timeout.
  public TaskSpec withTimeout(Duration t) {
    return new TaskSpec(id, capability, inputs, estimate, deps, retry, t, onInterrupt);
  }

  /// A copy with another interrupt policy.
  public TaskSpec withOnInterrupt(InterruptPolicy p) {
    return new TaskSpec(id, capability, inputs, estimate, deps, retry, timeout, p);
  }
}
