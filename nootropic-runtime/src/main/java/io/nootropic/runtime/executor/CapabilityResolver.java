package io.nootropic.runtime.executor;

import io.nootropic.api.Describable;
import io.nootropic.runtime.registry.CapabilityRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/// Finds the [TaskCapability] that runs a task's capability name.
@FunctionalInterface
public interface CapabilityResolver {

  /// The executable for `capability`, or empty when there is none.
  Optional<TaskCapability> resolve(String capability);

  /// Resolves from a fixed map.
  static CapabilityResolver of(Map<String, ? extends TaskCapability> capabilities) {
    Map<String, TaskCapability> copy = Map.copyOf(capabilities);
    return name -> Optional.ofNullable(copy.get(name));
  }

  /// Resolves from a registry: capabilities whose live instance implements [TaskCapability].
  static CapabilityResolver of(CapabilityRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    return name -> registry.find(name)
        .flatMap(c -> c.instance())
        .filter(TaskCapability.class::isInstance)
        .map(TaskCapability.class::cast);
  }

  /// Resolves from the [Describable] providers visible to `loader` that implement
  /// [TaskCapability], keyed by their descriptor's name (loaded once, now).
  static CapabilityResolver serviceLoader(ClassLoader loader) {
    Map<String, TaskCapability> found = new LinkedHashMap<>();
    for (Describable d : ServiceLoader.load(Describable.class, loader)) {
      if (d instanceof TaskCapability t) {
        found.putIfAbsent(d.describe().name(), t);
      }
    }
    return of(found);
  }

  /// Tries this resolver, then `other`.
  default CapabilityResolver orElse(CapabilityResolver other) {
    return name -> resolve(name).or(() -> other.resolve(name));
  }
}
