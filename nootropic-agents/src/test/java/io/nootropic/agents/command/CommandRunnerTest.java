package io.nootropic.agents.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.agents.workspace.Workspace;
import io.nootropic.api.agent.HumanAnswer;
import io.nootropic.api.agent.HumanInTheLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The command runner: no shell, the system PATH only, secrets scrubbed, process trees killed,
/// output capped, dangerous flags escalated to a person. Java single-file programs stand in for
/// misbehaving commands, so the tests need nothing beyond the JDK.
class CommandRunnerTest {

  @TempDir Path dir;

  private static final HumanInTheLoop APPROVE_ALL = (q, t) -> HumanAnswer.approve("");

  private CommandRunner runner(CommandPolicy policy) {
    return new CommandRunner(Workspace.open(dir), policy);
  }

  @Test
  void runsAnArgvListInAWorkspaceFolder() throws Exception {
    Files.createDirectories(dir.resolve("sub dir"));
    Files.writeString(dir.resolve("sub dir/f.txt"), "hello\n");
    CommandResult r = runner(CommandPolicy.custom().allow("cat").build()).run(List.of("cat", "f.txt"), "sub dir");
    assertThat(r.succeeded()).isTrue();
    assertThat(r.stdout()).isEqualTo("hello\n");
    assertThat(r.cwd()).isEqualTo("sub dir");
    assertThat(r.argv().getFirst()).isEqualTo("/usr/bin/cat");
  }

  @Test
  void gitDoesNotFindARepositoryAboveTheWorkspace() throws Exception {
    Path outer = dir.resolve("outer");
    Path ws = outer.resolve("project");
    Files.createDirectories(ws);
    Files.writeString(outer.resolve("outside.txt"), "the outer repository's file\n");
    Process init = new ProcessBuilder("git", "init", "-q", outer.toString()).redirectErrorStream(true).start();
    assertThat(init.waitFor()).isZero();
    CommandRunner runner = new CommandRunner(Workspace.open(ws), CommandPolicy.custom().allow("git").build());

    CommandResult r = runner.run(List.of("git", "status", "--porcelain"), "");
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isNotZero();
    assertThat(r.stderr()).contains("not a git repository");
    assertThat(r.stdout()).doesNotContain("outside.txt");
  }

  @Test
  void secretsAreScrubbedUnlessTheHostPassesThem() throws Exception {
    Files.writeString(dir.resolve("Env.java"), """
        public class Env {
          public static void main(String[] a) {
            for (String k : a) System.out.println(k + "=" + System.getenv(k));
          }
        }
        """);
    CommandPolicy policy = CommandPolicy.custom().allow("java").passEnv("GIVEN_TOKEN", "on-purpose").build();
    CommandResult r = runner(policy).run(List.of("java", "Env.java", "GIVEN_TOKEN", "PATH", "HOME"), "");
    assertThat(r.stdout()).contains("GIVEN_TOKEN=on-purpose").doesNotContain("PATH=null");
    // the test JVM's own environment has no secrets to prove the scrubbing with, so check the rule
    java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("OPENAI_API_KEY", "x",
        "GITHUB_TOKEN", "x", "AWS_SECRET_ACCESS_KEY", "x", "DB_PASSWORD", "x", "GIT_DIR", "/elsewhere",
        "LD_PRELOAD", "/evil.so", "PATH", "/usr/bin", "JAVA_HOME", "/jdk", "MY_KEYBOARD", "kept"));
    try {
      var scrub = CommandRunner.class.getDeclaredMethod("scrub", java.util.Map.class);
      scrub.setAccessible(true);
      scrub.invoke(runner(CommandPolicy.none()), env);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    assertThat(env).containsKeys("PATH", "JAVA_HOME", "MY_KEYBOARD")
        .doesNotContainKeys("OPENAI_API_KEY", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "DB_PASSWORD", "GIT_DIR", "LD_PRELOAD");
  }

  @Test
  void aTimeoutKillsTheWholeProcessTreeOrphansIncluded() throws Exception {
    Files.writeString(dir.resolve("Spawn.java"), """
        public class Spawn {
          public static void main(String[] a) throws Exception {
            // a grandchild that outlives its parent unless someone kills it
            Process p = new ProcessBuilder("sleep", "600").start();
            System.out.println(p.pid());
            System.out.flush();
            Thread.sleep(600_000);
          }
        }
        """);
    CommandResult r = runner(CommandPolicy.custom().allow("java").timeout(Duration.ofSeconds(20)).build())
        .run(List.of("java", "Spawn.java"), "", Duration.ofSeconds(4));
    assertThat(r.timedOut()).isTrue();
    assertThat(r.exitCode()).isEqualTo(-1);
    assertThat(r.stderr()).contains("killed after 4 s");
    long sleeper = Long.parseLong(r.stdout().strip());
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)).as("the grandchild is dead").isFalse();
  }

  @Test
  void outputIsCappedKeepingHeadAndTail() throws Exception {
    Files.writeString(dir.resolve("Loud.java"), """
        public class Loud {
          public static void main(String[] a) {
            System.out.println("FIRST");
            for (int i = 0; i < 100_000; i++) System.out.println("line " + i);
            System.out.println("LAST");
          }
        }
        """);
    CommandResult r = runner(CommandPolicy.custom().allow("java").maxOutputBytes(4096).build())
        .run(List.of("java", "Loud.java"), "");
    assertThat(r.truncated()).isTrue();
    assertThat(r.stdout()).startsWith("FIRST").endsWith("LAST\n").contains("bytes left out");
    assertThat(r.stdout().length()).isLessThan(5000);
    assertThat(r.outputBytes()).isGreaterThan(1_000_000);
  }

  @Test
  void aDangerousFlagRunsOnlyWhenAPersonApproves() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    HumanInTheLoop counting = (q, t) -> {
      asked.incrementAndGet();
      return HumanAnswer.approve("");
    };
    CommandPolicy policy = CommandPolicy.custom().allow("find").approver(counting, Duration.ofSeconds(5)).build();
    Files.writeString(dir.resolve("x.txt"), "x");
    CommandResult r = runner(policy).run(List.of("find", ".", "-name", "x.txt", "-delete"), "");
    assertThat(asked).hasValue(1);
    assertThat(r.succeeded()).isTrue();
    assertThat(dir.resolve("x.txt")).doesNotExist();
    assertThatThrownBy(() -> runner(CommandPolicy.custom().allow("find").build()).run(List.of("find", ".", "-delete"), ""))
        .isInstanceOf(CommandException.class).hasMessageContaining("nobody approved");
  }

  @Test
  void theProjectsProtectedWrapperMayRunButAPlantedProgramMayNot() throws Exception {
    Path mvnw = Files.writeString(dir.resolve("mvnw"), "#!/bin/sh\necho wrapper ran\n");
    Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path planted = Files.writeString(dir.resolve("evil"), "#!/bin/sh\necho pwned\n");
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));
    CommandRunner r = runner(CommandPolicy.custom().allow("mvnw", "evil").build());
    assertThat(r.run(List.of("mvnw"), "").stdout()).isEqualTo("wrapper ran\n");
    assertThatThrownBy(() -> r.run(List.of("evil"), "")).isInstanceOf(CommandException.class)
        .hasMessageContaining("not found on the system PATH");
    assertThatThrownBy(() -> r.run(List.of("./evil"), "")).isInstanceOf(CommandException.class);
  }
}
