package io.nootropic.agents.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.agents.workspace.Workspace;
import io.nootropic.agents.workspace.WorkspaceException;
import io.nootropic.api.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/// Undo for a run: every change the workspace makes after a checkpoint can be undone, back to that
/// checkpoint, as a unit.
///
/// Copy on write: the first time a path is changed after a checkpoint, its content at that moment
/// (or the fact that it did not exist) is saved. Rolling back to checkpoint `k` puts back every
/// path changed since `k` as it was at `k`, and nothing else: files the run never touched (the
/// user's own uncommitted work) are left alone.
///
/// Where saved content goes:
/// - In a git repository (and with `git` on the `PATH`), into git's object database
///   (`git hash-object -w`), kept reachable by a private ref,
///   `refs/nootropic/checkpoints/RUN`. The user's branches, index and working tree are never
///   touched. `git show` reads any saved version.
/// - Elsewhere, into content-addressed copies under `STATE/checkpoints/objects`.
///
/// The list of checkpoints and what each saved is in `STATE/checkpoints/RUN.json`, rewritten
/// atomically at each change, so a run resumed after a crash can still roll back.
public final class Checkpoints implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /// One checkpoint.
  ///
  /// @param number its position, from 1
  /// @param label  what the run was about to do
  /// @param time   when it was taken
  public record Checkpoint(int number, String label, Instant time) {}

  /// What a rollback did.
  ///
  /// @param checkpoint the checkpoint restored
  /// @param restored   paths put back as they were
  /// @param deleted    paths removed because they did not exist then
  public record Restore(Checkpoint checkpoint, List<String> restored, List<String> deleted) {}

  /// A path's content at some checkpoint: saved object id and permissions, or absent.
  private record Saved(String object, Set<PosixFilePermission> permissions) {
    boolean absent() {
      return object == null;
    }
  }

  private final Workspace workspace;
  private final ObjectStore store;
  private final Path metadata;
  private final String runId;
  private final List<Checkpoint> checkpoints = new ArrayList<>();
  private final List<Map<String, Saved>> savedPerInterval = new ArrayList<>();
  private final Workspace.ChangeListener listener = this::beforeChange;

  private Checkpoints(Workspace workspace, ObjectStore store, String runId) {
    this.workspace = workspace;
    this.store = store;
    this.runId = runId;
    this.metadata = workspace.root().resolve(workspace.config().stateDir()).resolve("checkpoints").resolve(runId + ".json");
  }

  /// Checkpoints for `runId` over `workspace`, in git when the workspace is in a git repository
  /// and `git` runs, else in copies. Earlier checkpoints of the same run (after a crash) are
  /// read back. The workspace reports its changes to it until [#close()].
  ///
  /// @throws CheckpointException when the saved state cannot be read
  public static Checkpoints open(Workspace workspace, String runId) {
    Objects.requireNonNull(workspace, "workspace");
    if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new IllegalArgumentException("run id '" + runId + "' must be letters, digits, '.', '_' or '-'");
    }
    Path state = workspace.root().resolve(workspace.config().stateDir()).resolve("checkpoints");
    ObjectStore store = GitObjectStore.forWorkspace(workspace.root(), runId)
        .map(ObjectStore.class::cast)
        .orElseGet(() -> new FileObjectStore(state.resolve("objects")));
    Checkpoints c = new Checkpoints(workspace, store, runId);
    c.load();
    workspace.addListener(c.listener);
    return c;
  }

  /// Where saved contents go: `git` or `copies`.
  public String storage() {
    return store.kind();
  }

  /// Marks the workspace's state now.
  public synchronized Checkpoint checkpoint(String label) {
    Checkpoint c = new Checkpoint(checkpoints.size() + 1, label == null ? "" : label, Instant.now());
    checkpoints.add(c);
    savedPerInterval.add(new LinkedHashMap<>());
    persist();
    return c;
  }

  /// Every checkpoint, oldest first.
  public synchronized List<Checkpoint> list() {
    return List.copyOf(checkpoints);
  }

  /// The latest checkpoint, if any.
  public synchronized java.util.Optional<Checkpoint> latest() {
    return checkpoints.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(checkpoints.getLast());
  }

  /// The paths the workspace changed since `checkpoint`, sorted.
  public synchronized Set<String> changedSince(Checkpoint checkpoint) {
    int k = index(checkpoint);
    Set<String> out = new TreeSet<>();
    for (int j = k; j < savedPerInterval.size(); j++) {
      out.addAll(savedPerInterval.get(j).keySet());
    }
    return out;
  }

  /// Puts back every path changed since `checkpoint` as it was then, and drops the later
  /// checkpoints. Files the run never touched are left alone.
  ///
  /// @throws CheckpointException when a saved content cannot be read back
  public synchronized Restore restore(Checkpoint checkpoint) {
    int k = index(checkpoint);
    Map<String, Saved> then = new LinkedHashMap<>();
    for (int j = k; j < savedPerInterval.size(); j++) {
      for (Map.Entry<String, Saved> e : savedPerInterval.get(j).entrySet()) {
        then.putIfAbsent(e.getKey(), e.getValue()); // the first save after k holds the content at k
      }
    }
    workspace.removeListener(listener);
    List<String> restored = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    try {
      for (Map.Entry<String, Saved> e : then.entrySet()) {
        String path = e.getKey();
        Saved s = e.getValue();
        if (s.absent()) {
          if (workspace.exists(path)) {
            workspace.deleteTree(path);
            deleted.add(path);
          }
        } else {
          workspace.write(path, store.load(s.object()));
          if (s.permissions() != null) {
            setPermissions(path, s.permissions());
          }
          restored.add(path);
        }
      }
    } finally {
      workspace.addListener(listener);
    }
    while (checkpoints.size() > k + 1) {
      checkpoints.removeLast();
      savedPerInterval.removeLast();
    }
    savedPerInterval.get(k).clear();
    persist();
    return new Restore(checkpoints.get(k), restored, deleted);
  }

  /// Stops recording the workspace's changes; the saved state stays on disk.
  @Override
  public void close() {
    workspace.removeListener(listener);
  }

  // ------------------------------------------------------------------ recording

  private synchronized void beforeChange(String relative) {
    if (savedPerInterval.isEmpty()) {
      return; // no checkpoint yet: nothing to roll back to
    }
    Map<String, Saved> current = savedPerInterval.getLast();
    if (current.containsKey(relative)) {
      return;
    }
    Path file = workspace.root().resolve(relative);
    try {
      if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        // a folder moved or deleted: keep every file in it
        try (var files = Files.walk(file)) {
          for (Path f : files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
            String rel = workspace.relativize(f);
            if (!current.containsKey(rel)) {
              current.put(rel, new Saved(store.save(Files.readAllBytes(f)), permissions(f)));
            }
          }
        }
      } else if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        current.put(relative, new Saved(store.save(Files.readAllBytes(file)), permissions(file)));
      } else if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new CheckpointException("cannot keep '" + relative + "' for undo: it is a link or a device; only files"
            + " and folders of files are kept");
      } else {
        current.put(relative, new Saved(null, null));
      }
    } catch (IOException e) {
      throw new CheckpointException("cannot keep '" + relative + "' for undo: " + e.getMessage(), e);
    }
    persist();
  }

  private static Set<PosixFilePermission> permissions(Path file) {
    try {
      return Files.getPosixFilePermissions(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  private void setPermissions(String relative, Set<PosixFilePermission> perms) {
    try {
      Files.setPosixFilePermissions(workspace.root().resolve(relative), perms);
    } catch (IOException | UnsupportedOperationException e) {
      // the content is back; a lost executable bit is not worth failing the rollback
    }
  }

  private int index(Checkpoint checkpoint) {
    int k = checkpoint.number() - 1;
    if (k < 0 || k >= checkpoints.size() || !checkpoints.get(k).equals(checkpoint)) {
      throw new CheckpointException("checkpoint " + checkpoint.number() + " (" + checkpoint.label()
          + ") is not one of this run's " + checkpoints.size() + " checkpoints");
    }
    return k;
  }

  // ------------------------------------------------------------------ persistence

  private void persist() {
    ObjectNode root = JSON.createObjectNode().put("formatVersion", 1).put("run", runId).put("storage", store.kind());
    ArrayNode list = root.putArray("checkpoints");
    for (int i = 0; i < checkpoints.size(); i++) {
      Checkpoint c = checkpoints.get(i);
      ObjectNode n = list.addObject().put("number", c.number()).put("label", c.label()).put("time", c.time().toString());
      ObjectNode saved = n.putObject("saved");
      for (Map.Entry<String, Saved> e : savedPerInterval.get(i).entrySet()) {
        ObjectNode s = saved.putObject(e.getKey());
        if (e.getValue().absent()) {
          s.put("absent", true);
        } else {
          s.put("object", e.getValue().object());
          if (e.getValue().permissions() != null) {
            s.put("mode", java.nio.file.attribute.PosixFilePermissions.toString(e.getValue().permissions()));
          }
        }
      }
    }
    try {
      Path state = workspace.root().resolve(workspace.config().stateDir());
      if (!Files.exists(state.resolve(".gitignore"))) {
        OutputFiles.writeString(state.resolve(".gitignore"), "# the run state of Nootropic, never committed\n*\n");
      }
      OutputFiles.writeString(metadata, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      store.anchor(savedObjects());
    } catch (IOException e) {
      throw new CheckpointException("cannot write the checkpoints of run " + runId + " to " + metadata + ": " + e.getMessage(), e);
    }
  }

  private List<String> savedObjects() {
    Set<String> out = new LinkedHashSet<>();
    for (Map<String, Saved> m : savedPerInterval) {
      for (Saved s : m.values()) {
        if (!s.absent()) {
          out.add(s.object());
        }
      }
    }
    return new ArrayList<>(out);
  }

  private void load() {
    if (!Files.exists(metadata)) {
      return;
    }
    try {
      JsonNode root = JSON.readTree(metadata.toFile());
      if (root.path("formatVersion").asInt() != 1 || !root.path("checkpoints").isArray()) {
        throw new CheckpointException(metadata + " is not a checkpoint file of format 1");
      }
      if (!root.path("storage").asText().equals(store.kind())) {
        throw new CheckpointException(metadata + " saved its contents in " + root.path("storage").asText()
            + " but this workspace now uses " + store.kind());
      }
      for (JsonNode n : root.get("checkpoints")) {
        checkpoints.add(new Checkpoint(n.path("number").asInt(), n.path("label").asText(),
            Instant.parse(n.path("time").asText())));
        Map<String, Saved> saved = new LinkedHashMap<>();
        n.path("saved").properties().forEach(e -> {
          String path = workspace.normalize(e.getKey()); // a damaged file must not aim the rollback outside
          JsonNode s = e.getValue();
          saved.put(path, s.path("absent").asBoolean() ? new Saved(null, null)
              : new Saved(s.path("object").asText(), s.hasNonNull("mode")
                  ? java.nio.file.attribute.PosixFilePermissions.fromString(s.get("mode").asText()) : null));
        });
        savedPerInterval.add(saved);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof CheckpointException ce) {
        throw ce;
      }
      if (e instanceof WorkspaceException we) {
        throw new CheckpointException(metadata + " names a path outside the workspace: " + we.getMessage(), we);
      }
      throw new CheckpointException("cannot read the checkpoints in " + metadata + ": " + e.getMessage(), e);
    }
  }
}
