package io.nootropic.api.memory;

import io.nootropic.api.Describable;
import java.nio.file.Path;

/// Opens a [Memory] persisted inside a workspace; found with [java.util.ServiceLoader].
///
/// @since 0.1
public interface MemoryProvider extends Describable {

  /// The stable name of this provider, e.g. `workspace`.
  String name();

  /// Opens (creating if needed) the memory stored in `workspace`. Close it if it is
  /// [AutoCloseable].
  Memory open(Path workspace);
}
