package io.nootropic.agents.workspace;

import io.nootropic.agents.workspace.WorkspaceException.Kind;
import io.nootropic.api.agent.HumanAnswer;
import io.nootropic.api.agent.HumanQuestion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/// The folder a model may work in, and the jail every file tool goes through.
///
/// Every path a model names is a relative path with `/` separators. It is checked before any
/// file-system access: absolute paths, `~`, NUL bytes, control characters, backslashes and `..`
/// that would climb out of the root are refused. It is then walked from the root one name at a
/// time through open directory handles ([SecureDirectoryStream], `openat` with `O_NOFOLLOW`), so
/// there is no window between a check and the use it guards: a link swapped in meanwhile is
/// never followed. A symbolic link on the way is followed only after its target, resolved by the
/// workspace itself, is checked to stay inside; chains are followed up to 40 links. A new file
/// inside a linked folder is checked the same way, since the walk to its folder checks every
/// link.
///
/// - Writes are atomic: a temporary file in the same folder, then a rename over the target. An
///   existing file keeps its permissions. A link at the target is resolved and checked like any
///   other, never followed blindly.
/// - A file with more than one hard link is never read: its other name may be outside.
/// - Changing a protected path (`.git/`, the run's state folder, CI files, build wrappers; see
///   [WorkspaceConfig]) needs a person's approval through the configured human-in-the-loop.
/// - Files that usually hold credentials (`.env`, keys) are never read.
///
/// Every refusal is a [WorkspaceException] whose kind says why. A workspace is thread-safe.
public final class Workspace {

  private static final int MAX_LINK_HOPS = 40;
  private static final int MAX_PATH_CHARS = 4096;
  private static final int MAX_NAME_BYTES = 255;

  /// One entry of a listing.
  ///
  /// @param path       path relative to the root, `/` separators
  /// @param type       what it is
  /// @param size       bytes (files only, else 0)
  /// @param linkTarget for a symbolic link, where it points (not followed), else `null`
  public record Entry(String path, Type type, long size, String linkTarget) {}

  /// What an entry is.
  public enum Type {
    /// A regular file.
    FILE,
    /// A folder.
    DIRECTORY,
    /// A symbolic link (listed, not followed).
    SYMLINK,
    /// A device, a pipe or a socket.
    OTHER
  }

  /// Told before the workspace changes a path, so its former content can be kept (checkpoints).
  @FunctionalInterface
  public interface ChangeListener {
    /// `relative` is about to be created, replaced, deleted or moved.
    void beforeChange(String relative);
  }

  private final Path root;
  private final WorkspaceConfig config;
  private final Glob protectedPaths;
  private final Glob secrets;
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private final Set<String> approved = ConcurrentHashMap.newKeySet();
  private volatile String runId = "";

  private Workspace(Path root, WorkspaceConfig config) {
    this.root = root;
    this.config = config;
    List<String> protectedGlobs = new ArrayList<>(config.protectedGlobs());
    protectedGlobs.add(config.stateDir());
    protectedGlobs.add(config.stateDir() + "/**");
    this.protectedPaths = new Glob(protectedGlobs);
    this.secrets = new Glob(config.secretGlobs());
  }

  /// A workspace over `root` with the default rules.
  ///
  /// @throws WorkspaceException when `root` is not an existing folder
  public static Workspace open(Path root) {
    return open(root, WorkspaceConfig.ofDefaults());
  }

  /// A workspace over `root`.
  ///
  /// @throws WorkspaceException when `root` is not an existing folder
  public static Workspace open(Path root, WorkspaceConfig config) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(config, "config");
    try {
      Path real = root.toRealPath();
      if (!Files.isDirectory(real)) {
        throw new WorkspaceException(Kind.WRONG_TYPE, root.toString(), "the workspace " + root + " is not a folder");
      }
      if (!(Files.newDirectoryStream(real) instanceof SecureDirectoryStream<Path> s)) {
        throw new WorkspaceException(Kind.IO_ERROR, root.toString(),
            "this file system cannot open folders race-free (no SecureDirectoryStream); the workspace needs a POSIX system");
      } else {
        s.close();
      }
      return new Workspace(real, config);
    } catch (NoSuchFileException e) {
      throw new WorkspaceException(Kind.NOT_FOUND, root.toString(), "the workspace " + root + " does not exist");
    } catch (IOException e) {
      throw new WorkspaceException(Kind.IO_ERROR, root.toString(), "cannot open the workspace " + root + ": " + e.getMessage(), e);
    }
  }

  /// The root folder (its real path).
  public Path root() {
    return root;
  }

  /// The rules of this workspace.
  public WorkspaceConfig config() {
    return config;
  }

  /// The run approval questions name.
  public void runId(String runId) {
    this.runId = Objects.requireNonNull(runId, "runId");
  }

  /// Tells `listener` before every change.
  public void addListener(ChangeListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /// Removes a listener added with [#addListener].
  public void removeListener(ChangeListener listener) {
    listeners.remove(listener);
  }

  // ------------------------------------------------------------------ path syntax

  /// Checks a path's syntax and normalises it without touching the file system: `a/./b/../c`
  /// becomes `a/c`, the root is `""`.
  ///
  /// @throws WorkspaceException ([Kind#WORKSPACE_VIOLATION]) for an absolute path, `~`, a NUL
  ///     byte, a control character, a backslash, an over-long path or name, or `..` that climbs
  ///     out of the root
  public String normalize(String path) {
    if (path == null) {
      throw violation("", "no path given");
    }
    if (path.length() > MAX_PATH_CHARS) {
      throw violation(shorten(path), "the path is longer than " + MAX_PATH_CHARS + " characters");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == 0) {
        throw violation(shorten(path), "the path '" + printable(path) + "' holds a NUL byte");
      }
      if (c < 0x20 || c == 0x7f) {
        throw violation(shorten(path), "the path '" + printable(path) + "' holds a control character");
      }
    }
    if (path.indexOf('\\') >= 0) {
      throw violation(path, "the path '" + path + "' holds a backslash; use '/' between folders");
    }
    if (path.startsWith("/")) {
      throw violation(path, "'" + path + "' is an absolute path; give a path relative to the workspace root");
    }
    if (path.startsWith("~")) {
      throw violation(path, "'" + path + "' starts with '~'; give a path relative to the workspace root");
    }
    if (path.length() >= 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':') {
      throw violation(path, "'" + path + "' is a drive path; give a path relative to the workspace root");
    }
    List<String> out = normalizeComponents(List.of(path.split("/")), path);
    return String.join("/", out);
  }

  private List<String> normalizeComponents(List<String> components, String original) {
    List<String> out = new ArrayList<>();
    for (String c : components) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (out.isEmpty()) {
          throw violation(original, "'" + original + "' leaves the workspace (it climbs above the root with '..')");
        }
        out.removeLast();
        continue;
      }
      if (c.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw violation(original, "a name in '" + shorten(original) + "' is longer than " + MAX_NAME_BYTES + " bytes");
      }
      out.add(c);
    }
    return out;
  }

  // ------------------------------------------------------------------ operations

  /// Whether something exists at `path` (links are followed, and checked).
  public boolean exists(String path) {
    String norm = normalize(path);
    try (Located l = locate(path, norm, false, true)) {
      return l.attrs != null;
    } catch (WorkspaceException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /// What is at `path` (links are followed, and checked).
  ///
  /// @throws WorkspaceException when nothing is there or the path is refused
  public Entry stat(String path) {
    String norm = normalize(path);
    try (Located l = locate(path, norm, false, true)) {
      if (l.attrs == null) {
        throw notFound(path);
      }
      return new Entry(l.relative, typeOf(l.attrs), l.attrs.isRegularFile() ? l.attrs.size() : 0, null);
    }
  }

  /// The bytes of the file at `path`.
  ///
  /// @throws WorkspaceException when the path is refused, missing, not a file, a likely secret,
  ///     hard-linked, or larger than the configured limit
  public byte[] readBytes(String path) {
    String norm = normalize(path);
    try (Located l = locate(path, norm, false, true)) {
      if (l.attrs == null) {
        throw notFound(path);
      }
      if (!l.attrs.isRegularFile()) {
        throw new WorkspaceException(Kind.WRONG_TYPE, path, "'" + path + "' is " + describe(l.attrs) + ", not a file");
      }
      refuseSecret(path, norm, l.relative);
      refuseHardLink(path, l);
      if (l.attrs.size() > config.maxFileBytes()) {
        throw new WorkspaceException(Kind.TOO_LARGE, path, "'" + path + "' has " + l.attrs.size()
            + " bytes, more than the " + config.maxFileBytes() + " this workspace reads; read a window of its lines");
      }
      try (SeekableByteChannel ch = l.dir.newByteChannel(Path.of(l.name),
          Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream((int) Math.min(l.attrs.size(), 1 << 20));
        ByteBuffer bb = ByteBuffer.allocate(64 * 1024);
        long total = 0;
        while (ch.read(bb) > 0) {
          total += bb.position();
          if (total > config.maxFileBytes()) {
            throw new WorkspaceException(Kind.TOO_LARGE, path, "'" + path + "' grew past " + config.maxFileBytes() + " bytes while it was read");
          }
          buf.write(bb.array(), 0, bb.position());
          bb.clear();
        }
        return buf.toByteArray();
      } catch (IOException e) {
        throw ioError(path, "read", e);
      }
    }
  }

  /// The text of the file at `path`, decoded as UTF-8.
  ///
  /// @throws WorkspaceException as [#readBytes], or ([Kind#WRONG_TYPE]) when the file is not UTF-8 text
  public String readString(String path) {
    byte[] bytes = readBytes(path);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new WorkspaceException(Kind.WRONG_TYPE, path, "'" + path + "' is not UTF-8 text (a binary file?)");
    }
  }

  /// Writes `text` as UTF-8 to `path` (see [#write]).
  public void writeString(String path, String text) {
    write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /// Creates or replaces the file at `path` atomically, creating missing folders inside the
  /// workspace; an existing file keeps its permissions.
  ///
  /// @throws WorkspaceException when the path is refused, protected and not approved, or
  ///     something other than a file is there
  public void write(String path, byte[] content) {
    Objects.requireNonNull(content, "content");
    String norm = normalize(path);
    if (norm.isEmpty()) {
      throw new WorkspaceException(Kind.WRONG_TYPE, path, "the workspace root is a folder, not a file");
    }
    if (content.length > config.maxFileBytes()) {
      throw new WorkspaceException(Kind.TOO_LARGE, path, "the content for '" + path + "' has " + content.length
          + " bytes, more than the " + config.maxFileBytes() + " this workspace writes");
    }
    try (Located l = locate(path, norm, true, true)) {
      if (l.attrs != null && !l.attrs.isRegularFile()) {
        throw new WorkspaceException(Kind.WRONG_TYPE, path, "'" + path + "' is " + describe(l.attrs) + "; only files are written");
      }
      approveChange(path, norm, l.relative, l.attrs == null ? "create" : "change");
      Set<PosixFilePermission> perms = null;
      if (l.attrs != null) {
        perms = l.dir.getFileAttributeView(Path.of(l.name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .readAttributes().permissions();
      }
      fireBeforeChange(l.relative);
      Path tmp = Path.of("." + l.name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".nootropic.tmp");
      boolean done = false;
      try {
        try (SeekableByteChannel ch = l.dir.newByteChannel(tmp,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
          ByteBuffer bb = ByteBuffer.wrap(content);
          while (bb.hasRemaining()) {
            ch.write(bb);
          }
          if (ch instanceof FileChannel fc) {
            fc.force(true);
          }
        }
        if (perms != null) {
          l.dir.getFileAttributeView(tmp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(perms);
        }
        l.dir.move(tmp, l.dir, Path.of(l.name));
        done = true;
      } finally {
        if (!done) {
          try {
            l.dir.deleteFile(tmp);
          } catch (IOException ignored) {
            // the temporary file was never created, or is gone
          }
        }
      }
    } catch (IOException e) {
      throw ioError(path, "write", e);
    }
  }

  /// Deletes the file, link or empty folder at `path` (a link itself, never what it points to).
  ///
  /// @throws WorkspaceException when the path is refused, protected and not approved, missing,
  ///     or a folder that is not empty
  public void delete(String path) {
    delete(path, false);
  }

  /// Deletes the file, link or folder at `path` with everything in it (links are removed, never
  /// followed). For rollbacks; tools delete one entry at a time with [#delete].
  ///
  /// @throws WorkspaceException when the path is refused, protected and not approved, or missing
  public void deleteTree(String path) {
    delete(path, true);
  }

  private void delete(String path, boolean tree) {
    String norm = normalize(path);
    if (norm.isEmpty()) {
      throw violation(path, "the workspace root cannot be deleted");
    }
    try (Located l = locate(path, norm, false, false)) {
      approveChange(path, norm, l.relative, "delete");
      if (l.attrs == null) {
        throw notFound(path);
      }
      fireBeforeChange(l.relative);
      if (l.attrs.isDirectory()) {
        if (tree) {
          try (SecureDirectoryStream<Path> sub = l.dir.newDirectoryStream(Path.of(l.name), LinkOption.NOFOLLOW_LINKS)) {
            emptyFolder(sub);
          }
        }
        l.dir.deleteDirectory(Path.of(l.name));
      } else {
        l.dir.deleteFile(Path.of(l.name));
      }
    } catch (DirectoryNotEmptyException e) {
      throw new WorkspaceException(Kind.WRONG_TYPE, path, "'" + path + "' is a folder that is not empty; delete its files first");
    } catch (IOException e) {
      throw ioError(path, "delete", e);
    }
  }

  private static void emptyFolder(SecureDirectoryStream<Path> dir) throws IOException {
    List<Path> names = new ArrayList<>();
    for (Path p : dir) {
      names.add(p.getFileName());
    }
    for (Path name : names) {
      BasicFileAttributes a = attributes(dir, name.toString());
      if (a != null && a.isDirectory()) {
        try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
          emptyFolder(sub);
        }
        dir.deleteDirectory(name);
      } else if (a != null) {
        dir.deleteFile(name);
      }
    }
  }

  /// Moves (renames) `from` to `to`, creating missing folders of `to`; a link moves as a link.
  ///
  /// @throws WorkspaceException when a path is refused, protected and not approved, `from` is
  ///     missing, or `to` exists
  public void move(String from, String to) {
    String nf = normalize(from);
    String nt = normalize(to);
    if (nf.isEmpty() || nt.isEmpty()) {
      throw violation(nf.isEmpty() ? from : to, "the workspace root cannot be moved or replaced");
    }
    try (Located src = locate(from, nf, false, false); Located dst = locate(to, nt, true, false)) {
      approveChange(from, nf, src.relative, "move");
      approveChange(to, nt, dst.relative, "create");
      if (src.attrs == null) {
        throw notFound(from);
      }
      if (dst.attrs != null) {
        throw new WorkspaceException(Kind.ALREADY_EXISTS, to, "'" + to + "' exists already; delete it first or choose another name");
      }
      if (src.attrs.isDirectory() && (dst.relative + "/").startsWith(src.relative + "/")) {
        throw violation(to, "cannot move the folder '" + from + "' into itself");
      }
      fireBeforeChange(src.relative);
      fireBeforeChange(dst.relative);
      src.dir.move(Path.of(src.name), dst.dir, Path.of(dst.name));
    } catch (IOException e) {
      throw ioError(from, "move", e);
    }
  }

  /// The entries under the folder at `path`, `depth` levels deep (1: its own entries), sorted,
  /// at most `limit`; `.git` and the state folder are listed but not entered, links are not
  /// followed.
  ///
  /// @throws WorkspaceException when the path is refused, missing or not a folder
  public List<Entry> list(String path, int depth, int limit) {
    if (depth < 1 || limit < 1) {
      throw new IllegalArgumentException("depth and limit must be at least 1");
    }
    String norm = normalize(path);
    List<Entry> out = new ArrayList<>();
    try {
      if (norm.isEmpty()) {
        try (SecureDirectoryStream<Path> dir = openRoot()) {
          walk(dir, "", depth, limit, out);
        }
        return out;
      }
      try (Located l = locate(path, norm, false, true)) {
        if (l.attrs == null) {
          throw notFound(path);
        }
        if (!l.attrs.isDirectory()) {
          throw new WorkspaceException(Kind.WRONG_TYPE, path, "'" + path + "' is " + describe(l.attrs) + ", not a folder");
        }
        try (SecureDirectoryStream<Path> dir = l.dir.newDirectoryStream(Path.of(l.name), LinkOption.NOFOLLOW_LINKS)) {
          walk(dir, l.relative, depth, limit, out);
        }
      }
    } catch (IOException e) {
      throw ioError(path, "list", e);
    }
    return out;
  }

  /// The real path of the folder at `path`, checked to be inside the workspace, e.g. to run a
  /// command in it.
  ///
  /// @throws WorkspaceException when the path is refused, missing or not a folder
  public Path folder(String path) {
    String norm = normalize(path);
    if (norm.isEmpty()) {
      return root;
    }
    try (Located l = locate(path, norm, false, true)) {
      if (l.attrs == null) {
        throw notFound(path);
      }
      if (!l.attrs.isDirectory()) {
        throw new WorkspaceException(Kind.WRONG_TYPE, path, "'" + path + "' is " + describe(l.attrs) + ", not a folder");
      }
      return root.resolve(l.relative);
    }
  }

  /// Whether changing the workspace-relative `relative` needs approval.
  public boolean isProtected(String relative) {
    return protectedPaths.matches(relative);
  }

  /// The workspace-relative form of an absolute path inside it, e.g. from a tool's output.
  ///
  /// @throws WorkspaceException when `absolute` is not inside the root
  public String relativize(Path absolute) {
    Path p = absolute.toAbsolutePath().normalize();
    if (!p.startsWith(root)) {
      throw violation(absolute.toString(), "'" + absolute + "' is outside the workspace " + root);
    }
    return root.relativize(p).toString().replace('\\', '/');
  }

  // ------------------------------------------------------------------ the walk

  /// Where a path ends up: an open handle on its folder, the entry's name in it, its path after
  /// links, and its attributes (`null` when it does not exist yet). Closing closes every handle.
  private static final class Located implements AutoCloseable {
    final SecureDirectoryStream<Path> dir;
    final List<SecureDirectoryStream<Path>> opened;
    final String name;
    final String relative;
    final BasicFileAttributes attrs;

    Located(SecureDirectoryStream<Path> dir, List<SecureDirectoryStream<Path>> opened, String name, String relative,
            BasicFileAttributes attrs) {
      this.dir = dir;
      this.opened = opened;
      this.name = name;
      this.relative = relative;
      this.attrs = attrs;
    }

    @Override
    public void close() {
      closeAll(opened);
    }
  }

  /// Walks `norm` from the root through open folder handles. Links met on the way (and at the
  /// end when `followLast`) are resolved here and checked to stay inside; a missing folder is
  /// created when `createParents`.
  private Located locate(String original, String norm, boolean createParents, boolean followLast) {
    List<String> comps = new ArrayList<>(List.of(norm.split("/")));
    comps.removeIf(String::isEmpty);
    if (comps.isEmpty()) {
      throw new WorkspaceException(Kind.WRONG_TYPE, original, "the workspace root has no name to open");
    }
    int hops = 0;
    walk:
    while (true) {
      List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
      boolean handedOver = false;
      try {
        SecureDirectoryStream<Path> dir = openRoot();
        opened.add(dir);
        List<String> at = new ArrayList<>();
        for (int i = 0; i < comps.size(); i++) {
          String name = comps.get(i);
          boolean last = i == comps.size() - 1;
          BasicFileAttributes a = attributes(dir, name);
          if (a != null && a.isSymbolicLink() && (!last || followLast)) {
            if (++hops > MAX_LINK_HOPS) {
              throw violation(original, "'" + original + "' goes through more than " + MAX_LINK_HOPS + " symbolic links");
            }
            String linkRel = join(at, name);
            Path target = Files.readSymbolicLink(root.resolve(linkRel));
            List<String> base = new ArrayList<>();
            if (target.isAbsolute()) {
              Path t = target.normalize();
              if (!t.startsWith(root)) {
                throw violation(original, "'" + original + "' goes through the link " + linkRel + " -> " + target
                    + ", which points outside the workspace");
              }
              base.addAll(List.of(root.relativize(t).toString().split("/")));
            } else {
              base.addAll(at);
              base.addAll(List.of(target.toString().split("/")));
            }
            base.addAll(comps.subList(i + 1, comps.size()));
            try {
              comps = normalizeComponents(base, original);
            } catch (WorkspaceException e) {
              throw violation(original, "'" + original + "' goes through the link " + linkRel + " -> " + target
                  + ", which points outside the workspace");
            }
            if (comps.isEmpty()) {
              throw new WorkspaceException(Kind.WRONG_TYPE, original, "'" + original + "' is a link to the workspace root");
            }
            continue walk;
          }
          if (last) {
            handedOver = true;
            return new Located(dir, opened, name, join(at, name), a);
          }
          if (a == null) {
            if (!createParents) {
              throw notFound(original);
            }
            try {
              fireBeforeChange(join(at, name)); // a folder the run creates is undone with it
              Files.createDirectory(root.resolve(join(at, name)));
            } catch (FileAlreadyExistsException raced) {
              // created meanwhile: opened below without following links, and checked
            }
          } else if (!a.isDirectory()) {
            throw new WorkspaceException(Kind.WRONG_TYPE, original, "'" + join(at, name) + "' is " + describe(a)
                + ", not a folder, so '" + original + "' cannot be inside it");
          }
          SecureDirectoryStream<Path> next = dir.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
          opened.add(next);
          dir = next;
          at.add(name);
        }
        throw new IllegalStateException("unreachable");
      } catch (NotDirectoryException | java.nio.file.FileSystemLoopException e) {
        throw violation(original, "'" + original + "' changed while it was opened (a folder became a link); refused");
      } catch (IOException e) {
        throw ioError(original, "open", e);
      } finally {
        if (!handedOver) {
          closeAll(opened);
        }
      }
    }
  }

  private SecureDirectoryStream<Path> openRoot() throws IOException {
    DirectoryStream<Path> s = Files.newDirectoryStream(root);
    if (s instanceof SecureDirectoryStream<Path> secure) {
      return secure;
    }
    s.close();
    throw new IOException("no SecureDirectoryStream on this file system");
  }

  private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, String name) throws IOException {
    try {
      return dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void walk(SecureDirectoryStream<Path> dir, String prefix, int depth, int limit, List<Entry> out)
      throws IOException {
    List<String> names = new ArrayList<>();
    for (Path p : dir) {
      names.add(p.getFileName().toString());
    }
    Collections.sort(names);
    for (String name : names) {
      if (out.size() >= limit) {
        return;
      }
      String rel = prefix.isEmpty() ? name : prefix + "/" + name;
      BasicFileAttributes a = attributes(dir, name);
      if (a == null) {
        continue; // deleted meanwhile
      }
      String target = null;
      if (a.isSymbolicLink()) {
        target = Files.readSymbolicLink(root.resolve(rel)).toString();
      }
      out.add(new Entry(rel, typeOf(a), a.isRegularFile() ? a.size() : 0, target));
      boolean skip = name.equals(".git") || rel.equals(config.stateDir());
      if (a.isDirectory() && depth > 1 && !skip) {
        try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS)) {
          walk(sub, rel, depth - 1, limit, out);
        }
      }
    }
  }

  // ------------------------------------------------------------------ rules

  private void refuseSecret(String original, String norm, String relative) {
    if (secrets.matches(norm) || secrets.matches(relative)) {
      throw new WorkspaceException(Kind.PROTECTED_PATH, original, "'" + original + "' may hold credentials and is not"
          + " read; a host can allow it with WorkspaceConfig.custom().allowReading(glob)");
    }
  }

  private void refuseHardLink(String original, Located l) {
    try {
      Object links = Files.getAttribute(root.resolve(l.relative), "unix:nlink", LinkOption.NOFOLLOW_LINKS);
      if (links instanceof Integer n && n > 1) {
        throw violation(original, "'" + original + "' has " + n + " hard links; another of them may be outside the"
            + " workspace, so it is not read");
      }
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // no unix view: nothing more to check
    } catch (IOException e) {
      throw ioError(original, "inspect", e);
    }
  }

  private void approveChange(String original, String norm, String relative, String action) {
    String which = protectedPaths.matches(relative) ? relative : protectedPaths.matches(norm) ? norm : null;
    if (which == null || approved.contains(which)) {
      return;
    }
    HumanAnswer answer = config.approver().ask(new HumanQuestion(runId, "Allow the agent to " + action + " " + which + "?",
        which + " is protected (version control, the run's state, CI or build wrappers). The agent asked to " + action
            + " it" + (which.equals(original) ? "" : " (as '" + original + "')") + ".",
        List.of("approve", "deny"), Map.of("path", which, "action", action, "approval.kind", "protected-path")), config.approvalTimeout());
    if (!answer.approved()) {
      throw new WorkspaceException(Kind.PROTECTED_PATH, original, "'" + which + "' is protected (version control, the"
          + " run's state, CI or build wrappers) and " + (answer.timedOut() ? "nobody approved the change" : "the change"
          + " was denied" + (answer.guidance().isEmpty() ? "" : ": " + answer.guidance())) + "; change other files");
    }
    approved.add(which);
  }

  private void fireBeforeChange(String relative) {
    for (ChangeListener l : listeners) {
      l.beforeChange(relative);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static String join(List<String> at, String name) {
    return at.isEmpty() ? name : String.join("/", at) + "/" + name;
  }

  private static void closeAll(List<SecureDirectoryStream<Path>> opened) {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (IOException ignored) {
        // closing a read handle cannot lose data
      }
    }
  }

  private static Type typeOf(BasicFileAttributes a) {
    return a.isSymbolicLink() ? Type.SYMLINK : a.isDirectory() ? Type.DIRECTORY : a.isRegularFile() ? Type.FILE : Type.OTHER;
  }

  private static String describe(BasicFileAttributes a) {
    return switch (typeOf(a)) {
      case FILE -> "a file";
      case DIRECTORY -> "a folder";
      case SYMLINK -> "a symbolic link";
      case OTHER -> "a device, pipe or socket";
    };
  }

  private static WorkspaceException violation(String path, String message) {
    return new WorkspaceException(Kind.WORKSPACE_VIOLATION, path, message);
  }

  private static WorkspaceException notFound(String path) {
    return new WorkspaceException(Kind.NOT_FOUND, path, "'" + path + "' does not exist in the workspace");
  }

  private static WorkspaceException ioError(String path, String action, IOException e) {
    String why = switch (e) {
      case NoSuchFileException n -> "no such file or folder";
      case java.nio.file.AccessDeniedException d -> "permission denied";
      case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
    Kind kind = e instanceof NoSuchFileException ? Kind.NOT_FOUND : Kind.IO_ERROR;
    return new WorkspaceException(kind, path, "cannot " + action + " '" + path + "': " + why, e);
  }

  private static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : shorten(s).toCharArray()) {
      sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.toString();
  }
}
