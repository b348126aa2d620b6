package io.nootropic.runtime.executor;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.Describable;
import io.nootropic.api.Providers;
import io.nootropic.runtime.registry.CapabilityRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
  /// [TaskCapability], keyed by their descriptor's name (loaded once, now, the way
  /// [CapabilityRegistry#discover(ClassLoader)] loads them: isolated, and one provider per name).
  static CapabilityResolver serviceLoader(ClassLoader loader) {
    Providers.Result<Describable, CapabilityDescriptor> r = Providers.load(Describable.class, Describable::describe,
        CapabilityDescriptor::name, CapabilityRegistry.CHOICE_PREFIX, loader, Providers.defaultBudget());
    r.problems().forEach(p -> Log.LOG.warn("capability not loaded: {}", p.message()));
    Map<String, TaskCapability> found = new LinkedHashMap<>();
    for (Providers.Loaded<Describable, CapabilityDescriptor> l : r.loaded()) {
      if (l.instance() instanceof TaskCapability t) {
        found.put(l.name(), t);
      }
    }
    return of(found);
  }

  /// The logger, kept out of the interface's public constants.
  final class Log {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CapabilityResolver.class);

    private Log() {}
  }

  /// Tries this resolver, then `other`.
  default CapabilityResolver orElse(CapabilityResolver other) {
    return name -> resolve(name).or(() -> other.resolve(name));
  }
}
