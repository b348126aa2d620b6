package io.nootropic.api.task;

import java.util.Objects;
import java.util.regex.Pattern;

/// Identifies a task within one task graph.
///
/// @param value 1 to 128 characters of letters, digits, `.`, `_`, `-` or `:`
public record TaskId(String value) implements Comparable<TaskId> {

  private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /// Checks the syntax.
  public TaskId {
    Objects.requireNonNull(value, "value");
    if (!SYNTAX.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid task id '" + value + "': use 1-128 letters, digits, '.', '_', '-' or ':'");
    }
  }

  /// Creates a task id.
  public static TaskId of(String value) {
    return new TaskId(value);
  }

  @Override
  public int compareTo(TaskId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
