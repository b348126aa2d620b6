package io.nootropic.agents.workspace;

import io.nootropic.api.agent.HumanInTheLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/// The rules of a [Workspace]: which paths need a person's approval to write, which may not be
/// read because they usually hold secrets, who approves, and how large a file may be.
///
/// @param protectedGlobs writes, deletes and moves of matching paths need approval (`.git/`, the
///                       run's state, CI files, build wrappers that run on the next build)
/// @param secretGlobs    matching paths are never read (`.env`, keys, credential files)
/// @param approver       asked before a protected path is changed; [HumanInTheLoop#NOBODY] refuses
/// @param approvalTimeout how long to wait for the approver
/// @param maxFileBytes   the largest file read or written whole
/// @param stateDir       the run's own folder inside the workspace, always protected
public record WorkspaceConfig(List<String> protectedGlobs, List<String> secretGlobs, HumanInTheLoop approver,
                              Duration approvalTimeout, long maxFileBytes, String stateDir) {

  /// `.git`, the state folder, CI configuration and build wrappers.
  public static final List<String> DEFAULT_PROTECTED = List.of(
      ".git", ".git/**", ".gitmodules", ".github/**", ".gitlab-ci.yml", ".gitlab/**", ".circleci/**",
      "Jenkinsfile", ".travis.yml", "azure-pipelines.yml", ".buildkite/**", ".envrc",
      "mvnw", "mvnw.cmd", ".mvn/**", "gradlew", "gradlew.bat", "gradle/wrapper/**");

  /// Files that usually hold credentials.
  public static final List<String> DEFAULT_SECRETS = List.of(
      ".env", ".env.*", "**/.env", "**/.env.*", "**/*.pem", "**/*.key", "**/*.p12", "**/*.keystore", "**/*.jks",
      "**/id_rsa*", "**/id_ed25519*", "**/id_ecdsa*", "**/.netrc", "**/.npmrc", "**/.pypirc",
      "**/.aws/**", "**/.ssh/**", "**/.docker/config.json", "**/.kube/config");

  /// Checks the fields and copies the lists.
  public WorkspaceConfig {
    protectedGlobs = List.copyOf(protectedGlobs);
    secretGlobs = List.copyOf(secretGlobs);
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(approvalTimeout, "approvalTimeout");
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes);
    }
    Objects.requireNonNull(stateDir, "stateDir");
  }

  /// The defaults: [#DEFAULT_PROTECTED], [#DEFAULT_SECRETS], nobody approves, 8 MiB files, state in
  /// `.nootropic`.
  public static WorkspaceConfig ofDefaults() {
    return new WorkspaceConfig(DEFAULT_PROTECTED, DEFAULT_SECRETS, HumanInTheLoop.NOBODY, Duration.ofMinutes(5),
        8L << 20, ".nootropic");
  }

  /// Starts from the defaults.
  public static Builder custom() {
    return new Builder();
  }

  /// Builds a [WorkspaceConfig].
  public static final class Builder {
    private final List<String> protectedGlobs = new ArrayList<>(DEFAULT_PROTECTED);
    private final List<String> secretGlobs = new ArrayList<>(DEFAULT_SECRETS);
    private HumanInTheLoop approver = HumanInTheLoop.NOBODY;
    private Duration approvalTimeout = Duration.ofMinutes(5);
    private long maxFileBytes = 8L << 20;
    private String stateDir = ".nootropic";

    private Builder() {}

    /// Also protects paths matching `glob` (e.g. `pom.xml`, `**/build.gradle`).
    public Builder protect(String glob) {
      protectedGlobs.add(glob);
      return this;
    }

    /// Also treats paths matching `glob` as secrets: neither read nor listed.
    public Builder secret(String glob) {
      secretGlobs.add(glob);
      return this;
    }

    /// Lets the model read paths matching `glob` although they look like secrets.
    public Builder allowReading(String glob) {
      secretGlobs.remove(glob);
      return this;
    }

    /// Who approves changes of protected paths, and how long to wait.
    public Builder approver(HumanInTheLoop approver, Duration timeout) {
      this.approver = approver;
      this.approvalTimeout = timeout;
      return this;
    }

    /// The largest file read or written whole.
    public Builder maxFileBytes(long bytes) {
      this.maxFileBytes = bytes;
      return this;
    }

    /// The run's own folder inside the workspace.
    public Builder stateDir(String dir) {
      this.stateDir = dir;
      return this;
    }

    /// Builds the configuration.
    public WorkspaceConfig build() {
      return new WorkspaceConfig(protectedGlobs, secretGlobs, approver, approvalTimeout, maxFileBytes, stateDir);
    }
  }
}
