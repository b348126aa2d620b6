package io.nootropic.cli.registry;

import io.nootropic.api.CapabilityKind;
import java.util.Arrays;
import java.util.Iterator;

/// Completion candidates for `--kind`: the external names of [CapabilityKind].
final class KindNames implements Iterable<String> {

  /// Creates the list; picocli instantiates it.
  KindNames() {}

  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(CapabilityKind.values()).map(CapabilityKind::externalName).iterator();
  }
}
