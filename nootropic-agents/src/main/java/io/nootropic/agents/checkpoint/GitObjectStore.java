package io.nootropic.agents.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/// Saved contents as blobs in the workspace's git repository, through the `git` binary: written
/// with `hash-object -w`, read with `cat-file blob`, kept reachable by a commit on the private ref
/// `refs/nootropic/checkpoints/RUN`. Only git's object database and that ref change: never a
/// branch, the index or the working tree. Git runs with no hooks, no fsmonitor, no system
/// configuration and none of the caller's `GIT_*` variables, so a repository's configuration
/// cannot make it run a program.
final class GitObjectStore implements ObjectStore {

  private static final long TIMEOUT_SECONDS = 60;

  private final Path root;
  private final String ref;

  private GitObjectStore(Path root, String runId) {
    this.root = root;
    this.ref = "refs/nootropic/checkpoints/" + runId;
  }

  /// A store in the repository holding `root`, when there is one and `git` runs.
  static Optional<GitObjectStore> forWorkspace(Path root, String runId) {
    try {
      Result r = run(root, List.of("rev-parse", "--is-inside-work-tree"), null);
      if (r.code() == 0 && new String(r.out(), StandardCharsets.UTF_8).strip().equals("true")) {
        return Optional.of(new GitObjectStore(root, runId));
      }
    } catch (IOException e) {
      // no git binary, or it failed: keep copies instead
    }
    return Optional.empty();
  }

  @Override
  public String kind() {
    return "git";
  }

  @Override
  public String save(byte[] content) throws IOException {
    Result r = run(root, List.of("hash-object", "-w", "--stdin"), content);
    String id = new String(r.out(), StandardCharsets.UTF_8).strip();
    if (r.code() != 0 || !id.matches("[0-9a-f]{40,64}")) {
      throw new IOException("git hash-object failed: " + r.errText());
    }
    return id;
  }

  @Override
  public byte[] load(String id) {
    if (!id.matches("[0-9a-f]{40,64}")) {
      throw new CheckpointException("saved content id '" + id + "' is not a git object id");
    }
    try {
      Result r = run(root, List.of("cat-file", "blob", id), null);
      if (r.code() != 0) {
        throw new CheckpointException("git no longer has the saved content " + id + ": " + r.errText());
      }
      return r.out();
    } catch (IOException e) {
      throw new CheckpointException("cannot read the saved content " + id + " from git: " + e.getMessage(), e);
    }
  }

  @Override
  public void anchor(List<String> ids) throws IOException {
    if (ids.isEmpty()) {
      run(root, List.of("update-ref", "-d", ref), null);
      return;
    }
    StringBuilder tree = new StringBuilder();
    for (String id : ids) {
      tree.append("100644 blob ").append(id).append('\t').append(id).append('\n');
    }
    Result mk = run(root, List.of("mktree"), tree.toString().getBytes(StandardCharsets.UTF_8));
    String treeId = new String(mk.out(), StandardCharsets.UTF_8).strip();
    if (mk.code() != 0) {
      throw new IOException("git mktree failed: " + mk.errText());
    }
    Result commit = run(root, List.of("commit-tree", treeId, "-m", "nootropic checkpoints (" + ref + ")"), null);
    String commitId = new String(commit.out(), StandardCharsets.UTF_8).strip();
    if (commit.code() != 0) {
      throw new IOException("git commit-tree failed: " + commit.errText());
    }
    Result update = run(root, List.of("update-ref", ref, commitId), null);
    if (update.code() != 0) {
      throw new IOException("git update-ref failed: " + update.errText());
    }
  }

  private record Result(int code, byte[] out, byte[] err) {
    String errText() {
      return new String(err, StandardCharsets.UTF_8).strip();
    }
  }

  private static Result run(Path root, List<String> args, byte[] stdin) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString(),
        "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "protocol.allow=never",
        "-c", "user.name=Nootropic", "-c", "user.email=nootropic@localhost"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("GIT_"));
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    Process p = pb.start();
    CompletableFuture<byte[]> out = drain(p.getInputStream());
    CompletableFuture<byte[]> err = drain(p.getErrorStream());
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    }
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("git " + args.getFirst() + " took longer than " + TIMEOUT_SECONDS + " s");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while git ran", e);
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toByteArray();
      } catch (IOException e) {
        return new byte[0];
      }
    }, Thread::startVirtualThread);
  }
}
