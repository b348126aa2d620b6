package io.nootropic.agents.command;

import io.nootropic.api.agent.HumanInTheLoop;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/// What a run's commands may do.
///
/// @param allowedPrograms program names a model may run (resolved from the system `PATH`, never
///                        from the workspace); `mvnw` and `gradlew` name the project's own build
///                        wrappers at the workspace root, which are protected files
/// @param passedEnv       environment variables the host gives commands on purpose, even when
///                        their names look secret (`*_TOKEN`, `*_KEY`, ...); all other secret-looking
///                        variables are removed
/// @param timeout         how long a command may run before it and every process it started are killed
/// @param maxOutputBytes  how much of each stream is kept (half from the start, half from the end)
/// @param approver        asked before a dangerous flag runs; [HumanInTheLoop#NOBODY] refuses
/// @param approvalTimeout how long to wait for the approver
public record CommandPolicy(Set<String> allowedPrograms, Map<String, String> passedEnv, Duration timeout,
                            int maxOutputBytes, HumanInTheLoop approver, Duration approvalTimeout) {

  /// Checks the fields and copies the collections.
  public CommandPolicy {
    allowedPrograms = Set.copyOf(allowedPrograms);
    passedEnv = Map.copyOf(passedEnv);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (maxOutputBytes < 1024) {
      throw new IllegalArgumentException("maxOutputBytes must be at least 1024, was " + maxOutputBytes);
    }
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(approvalTimeout, "approvalTimeout");
  }

  /// No program allowed, 10 minutes per command, 64 KiB of output per stream, nobody approves.
  public static CommandPolicy none() {
    return custom().build();
  }

  /// Starts from [#none()].
  public static Builder custom() {
    return new Builder();
  }

  /// Builds a [CommandPolicy].
  public static final class Builder {
    private final Set<String> allowed = new LinkedHashSet<>();
    private final Map<String, String> env = new TreeMap<>();
    private Duration timeout = Duration.ofMinutes(10);
    private int maxOutputBytes = 64 * 1024;
    private HumanInTheLoop approver = HumanInTheLoop.NOBODY;
    private Duration approvalTimeout = Duration.ofMinutes(5);

    private Builder() {}

    /// Allows the programs named.
    public Builder allow(String... programs) {
      allowed.addAll(java.util.List.of(programs));
      return this;
    }

    /// Allows the programs named.
    public Builder allow(java.util.Collection<String> programs) {
      allowed.addAll(programs);
      return this;
    }

    /// Gives commands this variable, secret-looking or not.
    public Builder passEnv(String name, String value) {
      env.put(name, value);
      return this;
    }

    /// How long a command may run.
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /// How much of each output stream is kept.
    public Builder maxOutputBytes(int bytes) {
      this.maxOutputBytes = bytes;
      return this;
    }

    /// Who approves dangerous flags, and how long to wait.
    public Builder approver(HumanInTheLoop approver, Duration timeout) {
      this.approver = approver;
      this.approvalTimeout = timeout;
      return this;
    }

    /// Builds the policy.
    public CommandPolicy build() {
      return new CommandPolicy(allowed, env, timeout, maxOutputBytes, approver, approvalTimeout);
    }
  }
}
