package io.nootropic.runtime.registry;

import io.nootropic.api.LoadProblem;
import java.util.List;

/// What one discovery pass did: the capabilities it added and the plugins it had to skip.
///
/// @param loaded   capabilities added, in discovery order
/// @param problems plugins skipped, in discovery order
public record LoadReport(List<Capability> loaded, List<LoadProblem> problems) {

  /// Copies the lists.
  public LoadReport {
    loaded = List.copyOf(loaded);
    problems = List.copyOf(problems);
  }

  /// Whether every plugin loaded.
  public boolean clean() {
    return problems.isEmpty();
  }
}
