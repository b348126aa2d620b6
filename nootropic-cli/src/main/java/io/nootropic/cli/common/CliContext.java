package io.nootropic.cli.common;

import io.nootropic.runtime.registry.CapabilityRegistry;

/// What the root command offers its subcommands (they get it as their `@ParentCommand`).
public interface CliContext {

  /// The capability registry every command works on (discovered once, lazily).
  CapabilityRegistry registry();

  /// Whether `--quiet` was given: no progress or chatter on standard error, errors only.
  boolean quiet();
}
