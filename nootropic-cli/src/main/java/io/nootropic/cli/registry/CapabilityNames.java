package io.nootropic.cli.registry;

import io.nootropic.runtime.registry.CapabilityRegistry;
import java.util.Iterator;
import java.util.function.Supplier;

/// Completion candidates and help text for capability-name parameters, read from the registry.
public final class CapabilityNames implements Iterable<String> {

  private final Supplier<CapabilityRegistry> registry;

  public CapabilityNames(Supplier<CapabilityRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public Iterator<String> iterator() {
    return registry.get().names().iterator();
  }
}
