package io.nootropic.agents.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.agents.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// Undo as a unit, back to any checkpoint, in git (a repository) and in copies (a plain folder);
/// the user's own uncommitted work, branches and index are left alone.
class CheckpointsTest {

  @TempDir Path dir;

  private static String git(Path repo, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void rollsBackAChangeSetAndAnyEarlierCheckpointLeavingOtherFilesAlone(boolean inGit) throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a1\n");
    Files.writeString(dir.resolve("user-notes.txt"), "the user's own work\n");
    Path script = Files.writeString(dir.resolve("run.sh"), "echo hi\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    byte[] index = null;
    String head = null;
    if (inGit) {
      git(dir, "init", "-q");
      git(dir, "-c", "user.name=t", "-c", "user.email=t@t", "add", "a.txt");
      git(dir, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base");
      index = Files.readAllBytes(dir.resolve(".git/index"));
      head = git(dir, "rev-parse", "HEAD");
    }
    Workspace ws = Workspace.open(dir);
    try (Checkpoints cp = Checkpoints.open(ws, "run-1")) {
      assertThat(cp.storage()).isEqualTo(inGit ? "git" : "copies");
      Checkpoints.Checkpoint first = cp.checkpoint("before the plan");
      ws.writeString("a.txt", "a2\n");
      ws.writeString("new/b.txt", "b\n");
      ws.writeString("run.sh", "echo changed\n");
      Checkpoints.Checkpoint second = cp.checkpoint("after edit 1");
      ws.writeString("a.txt", "a3\n");
      ws.delete("new/b.txt");
      ws.writeString("c.txt", "c\n");
      Files.writeString(dir.resolve("user-notes.txt"), "the user kept typing\n"); // not through the workspace

      assertThat(cp.changedSince(second)).containsExactly("a.txt", "c.txt", "new/b.txt");
      if (inGit) {
        // saved contents are git objects, kept reachable by a private ref, never a branch
        assertThat(git(dir, "for-each-ref", "refs/nootropic")).contains("refs/nootropic/checkpoints/run-1");
        assertThat(git(dir, "status", "--porcelain")).as("the run state ignores itself").doesNotContain(".nootropic");
      }
      Checkpoints.Restore back = cp.restore(second);
      assertThat(back.restored()).containsExactlyInAnyOrder("a.txt", "new/b.txt");
      assertThat(back.deleted()).containsExactly("c.txt");
      assertThat(dir.resolve("a.txt")).hasContent("a2");
      assertThat(dir.resolve("new/b.txt")).hasContent("b");
      assertThat(dir.resolve("c.txt")).doesNotExist();

      cp.restore(first);
      assertThat(dir.resolve("a.txt")).hasContent("a1");
      assertThat(dir.resolve("new")).doesNotExist();
      assertThat(dir.resolve("run.sh")).hasContent("echo hi");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-xr-x");
      assertThat(dir.resolve("user-notes.txt")).as("never touched").hasContent("the user kept typing");
      assertThat(cp.list()).containsExactly(first);
    }
    if (inGit) {
      assertThat(Files.readAllBytes(dir.resolve(".git/index"))).as("the index is untouched").isEqualTo(index);
      assertThat(git(dir, "rev-parse", "HEAD")).isEqualTo(head);
      assertThat(git(dir, "branch", "--list")).doesNotContain("nootropic");
      assertThat(git(dir, "for-each-ref", "refs/nootropic")).as("nothing left to keep after the last rollback").isEmpty();
    }
  }

  @Test
  void aResumedRunCanStillRollBack() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "before\n");
    Workspace ws = Workspace.open(dir);
    Checkpoints cp = Checkpoints.open(ws, "r");
    Checkpoints.Checkpoint c = cp.checkpoint("start");
    ws.writeString("a.txt", "after\n");
    cp.close(); // as if the process died here

    Workspace again = Workspace.open(dir);
    try (Checkpoints resumed = Checkpoints.open(again, "r")) {
      assertThat(resumed.list()).containsExactly(c);
      resumed.restore(resumed.list().getFirst());
    }
    assertThat(dir.resolve("a.txt")).hasContent("before");
  }

  @Test
  void aDamagedCheckpointFileCannotAimARollbackOutside() throws Exception {
    Workspace ws = Workspace.open(dir);
    Files.createDirectories(dir.resolve(".nootropic/checkpoints"));
    Files.writeString(dir.resolve(".nootropic/checkpoints/r.json"), """
        {"formatVersion":1,"run":"r","storage":"copies","checkpoints":[{"number":1,"label":"x",
         "time":"2026-01-01T00:00:00Z","saved":{"../outside.txt":{"absent":true}}}]}""");
    assertThatThrownBy(() -> Checkpoints.open(ws, "r")).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("outside the workspace");
  }
}
