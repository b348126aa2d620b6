package io.nootropic.context.walk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/// Walks a workspace and hands every text file worth indexing to a consumer.
///
/// Honours `.gitignore` files at every level (deeper files win) and the configured ignore list
/// (`.git` folders are always skipped),
/// skips binaries (a NUL byte in the first 8 KiB) and files over the size cap, and reports
/// unreadable files, symlink loops, links leading outside the workspace (not followed) and invalid
/// UTF-8 in the [WalkReport] instead of failing.
public final class RepositoryWalker {

  /// The most problems a report keeps; the count covers all of them.
  public static final int MAX_PROBLEMS = 1000;

  private static final int SNIFF_BYTES = 8192;
  private static final String ALWAYS_SKIPPED = ".git";

  private final WalkerConfig config;
  private final GitIgnore extra;

  /// Creates a walker.
  public RepositoryWalker(WalkerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.extra = GitIgnore.of(config.ignorePatterns());
  }

  /// Walks `root`, calling `consumer` for each accepted file.
  ///
  /// @throws IOException only if `root` itself cannot be walked
  public WalkReport walk(Path root, Consumer<SourceFile> consumer) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(base)) {
      throw new IOException("not a directory: " + base);
    }
    Visitor v = new Visitor(base, consumer);
    Set<FileVisitOption> options = config.followSymlinks() ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : Set.of();
    Files.walkFileTree(base, options, Integer.MAX_VALUE, v);
    return new WalkReport(v.accepted, v.ignored, v.problems, v.problemCount);
  }

  /// Walks `root` and collects the accepted files (convenient for small trees and tests).
  public List<SourceFile> collect(Path root, List<WalkProblem> problemsOut) throws IOException {
    List<SourceFile> out = new ArrayList<>();
    WalkReport r = walk(root, out::add);
    if (problemsOut != null) {
      problemsOut.addAll(r.problems());
    }
    return out;
  }

  private record Frame(String base, GitIgnore rules) { }

  private final class Visitor extends SimpleFileVisitor<Path> {
    private final Path root;
    private final Path realRoot;
    private final Consumer<SourceFile> consumer;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final List<WalkProblem> problems = new ArrayList<>();
    private int problemCount;
    private int accepted;
    private int ignored;

    Visitor(Path root, Consumer<SourceFile> consumer) {
      this.root = root;
      this.consumer = consumer;
      Path real;
      try {
        real = root.toRealPath();
      } catch (IOException e) {
        real = root;
      }
      this.realRoot = real;
    }

    /// Whether `p` is a symbolic link whose target lies outside the workspace.
    private boolean escapes(Path p) {
      if (!Files.isSymbolicLink(p)) {
        return false;
      }
      try {
        return !p.toRealPath().startsWith(realRoot);
      } catch (IOException e) {
        return true;
      }
    }

    private String rel(Path p) {
      String s = root.relativize(p).toString();
      return p.getFileSystem().getSeparator().equals("/") ? s : s.replace(p.getFileSystem().getSeparator(), "/");
    }

    private void problem(String path, WalkProblem.Kind kind, String message) {
      problemCount++;
      if (problems.size() < MAX_PROBLEMS) {
        problems.add(new WalkProblem(path, kind, message));
      }
    }

    private boolean isIgnored(String rel, boolean dir) {
      // deeper .gitignore files take precedence; the configured list comes last
      for (Frame f : frames) {           // ArrayDeque iterates from the most recently pushed
        if (f.rules == null) {
          continue;
        }
        String local = f.base.isEmpty() ? rel : rel.substring(f.base.length() + 1);
        GitIgnore.Result r = f.rules.match(local, dir);
        if (r != GitIgnore.Result.NONE) {
          return r == GitIgnore.Result.IGNORED;
        }
      }
      return extra.match(rel, dir) == GitIgnore.Result.IGNORED;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      String rel = dir.equals(root) ? "" : rel(dir);
      if (!rel.isEmpty() && (ALWAYS_SKIPPED.equals(dir.getFileName().toString()) || isIgnored(rel, true))) {
        ignored++;
        return FileVisitResult.SKIP_SUBTREE;
      }
      if (!rel.isEmpty() && escapes(dir)) {
        problem(rel, WalkProblem.Kind.OUTSIDE_WORKSPACE, "symbolic link to a folder outside the workspace");
        return FileVisitResult.SKIP_SUBTREE;
      }
      GitIgnore rules = null;
      if (config.honourGitignore()) {
        Path gi = dir.resolve(".gitignore");
        if (Files.isRegularFile(gi)) {
          try {
            byte[] raw = Files.readAllBytes(gi);
            rules = GitIgnore.parse(new String(raw, StandardCharsets.UTF_8));
          } catch (IOException e) {
            problem(rel.isEmpty() ? ".gitignore" : rel + "/.gitignore", WalkProblem.Kind.UNREADABLE, e.toString());
          }
        }
      }
      frames.push(new Frame(rel, rules));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
      if (!frames.isEmpty()) {
        frames.pop();
      }
      if (exc != null) {
        problem(dir.equals(root) ? "" : rel(dir), WalkProblem.Kind.UNREADABLE, exc.toString());
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException exc) {
      String rel = rel(file);
      if (exc instanceof FileSystemLoopException) {
        problem(rel, WalkProblem.Kind.SYMLINK_LOOP, "symbolic link loops back to " + exc.getMessage());
      } else {
        problem(rel, WalkProblem.Kind.UNREADABLE, exc.toString());
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      String rel = rel(file);
      if (isIgnored(rel, false)) {
        ignored++;
        return FileVisitResult.CONTINUE;
      }
      if (attrs.isSymbolicLink()) {
        problem(rel, WalkProblem.Kind.UNREADABLE, "broken symbolic link");
        return FileVisitResult.CONTINUE;
      }
      if (!attrs.isRegularFile()) {
        return FileVisitResult.CONTINUE;   // sockets, pipes, devices: never read
      }
      if (escapes(file)) {
        problem(rel, WalkProblem.Kind.OUTSIDE_WORKSPACE, "symbolic link to a file outside the workspace");
        return FileVisitResult.CONTINUE;
      }
      if (attrs.size() > config.maxFileBytes()) {
        problem(rel, WalkProblem.Kind.TOO_LARGE, attrs.size() + " bytes > cap " + config.maxFileBytes());
        return FileVisitResult.CONTINUE;
      }
      byte[] raw;
      try {
        raw = Files.readAllBytes(file);
      } catch (IOException | OutOfMemoryError e) {
        problem(rel, WalkProblem.Kind.UNREADABLE, e.toString());
        return FileVisitResult.CONTINUE;
      }
      if (raw.length > config.maxFileBytes()) {
        problem(rel, WalkProblem.Kind.TOO_LARGE, raw.length + " bytes > cap " + config.maxFileBytes());
        return FileVisitResult.CONTINUE;
      }
      if (looksBinary(raw)) {
        problem(rel, WalkProblem.Kind.BINARY, "NUL byte in the first " + SNIFF_BYTES + " bytes");
        return FileVisitResult.CONTINUE;
      }
      String text;
      try {
        text = strictDecoder().decode(ByteBuffer.wrap(raw)).toString();
      } catch (CharacterCodingException e) {
        text = new String(raw, StandardCharsets.UTF_8);   // replaces bad sequences with U+FFFD
        problem(rel, WalkProblem.Kind.INVALID_UTF8, "read with replacement characters");
      }
      if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
        text = text.substring(1);
      }
      accepted++;
      consumer.accept(new SourceFile(file, rel, raw.length, text, sha256(raw)));
      return FileVisitResult.CONTINUE;
    }
  }

  /// Whether the bytes look binary: a NUL among the first 8 KiB.
  public static boolean looksBinary(byte[] raw) {
    int n = Math.min(raw.length, SNIFF_BYTES);
    for (int i = 0; i < n; i++) {
      if (raw[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static CharsetDecoder strictDecoder() {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /// Hex SHA-256 of some bytes.
  public static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
