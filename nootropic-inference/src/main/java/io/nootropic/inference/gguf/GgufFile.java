package io.nootropic.inference.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/// A GGUF file (version 2 or 3) mapped read-only into memory with Panama FFM and fully validated
/// on open. Tensor data is never copied: [#data] returns a slice of the mapping. Close it to unmap
/// (idempotent); slices must not be used afterwards.
///
/// Every format violation is a [GgufFormatException] naming the byte offset and the rule; the
/// rules are listed in the [package documentation][io.nootropic.inference.gguf].
///
/// ## Files that change while mapped
/// If the file is truncated while mapped, reading a slice past the new end faults, and the JVM
/// reports it as `java.lang.InternalError` ("a fault occurred in an unsafe memory access").
/// Run mapped reads through [#guard(Supplier)] / [#guardRun(Runnable)] (or catch `InternalError`
/// and call [#translate(InternalError)]) to get a [MappedFileChangedException] instead, and call
/// [#checkStillValid()] at safe points (e.g. before a generation) to detect truncation,
/// replacement or modification by size, modification time and file key.
public final class GgufFile implements AutoCloseable {

  private final Path path;
  private final Arena arena;
  private final MemorySegment mapping;
  private final int version;
  private final GgufMetadata metadata;
  private final List<GgufTensorInfo> tensors;
  private final Map<String, GgufTensorInfo> byName;
  private final long dataStart;
  private final int alignment;
  private final long size;
  private final FileTime modified;
  private final Object fileKey;

  private GgufFile(Path path, Arena arena, MemorySegment mapping, GgufParser.Parsed parsed,
      BasicFileAttributes attrs) {
    this.path = path;
    this.arena = arena;
    this.mapping = mapping;
    this.version = parsed.version();
    this.metadata = parsed.metadata();
    this.tensors = parsed.tensors();
    Map<String, GgufTensorInfo> m = new HashMap<>();
    for (GgufTensorInfo t : tensors) {
      m.put(t.name(), t);
    }
    this.byName = Map.copyOf(m);
    this.dataStart = parsed.dataStart();
    this.alignment = parsed.alignment();
    this.size = attrs.size();
    this.modified = attrs.lastModifiedTime();
    this.fileKey = attrs.fileKey();
  }

  /// Maps and validates `path`.
  ///
  /// @throws GgufFormatException if the file is not a valid GGUF v2/v3 file
  /// @throws IOException         if it cannot be read or mapped
  public static GgufFile open(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    if (!Files.isRegularFile(path)) {
      throw Files.exists(path) ? new IOException("not a regular file: " + path)
          : new NoSuchFileException(path.toString());
    }
    Arena arena = Arena.ofShared();
    boolean ok = false;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      long size = ch.size();
      MemorySegment mapping = size == 0 ? MemorySegment.ofArray(new byte[0])
          : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
      GgufParser.Parsed parsed;
      try {
        parsed = GgufParser.parse(mapping);
      } catch (InternalError e) {
        throw changed(path, e);
      } catch (GgufFormatException e) {
        throw withPath(path, e);
      }
      GgufFile file = new GgufFile(path, arena, mapping, parsed, attrs);
      ok = true;
      return file;
    } finally {
      if (!ok) {
        arena.close();
      }
    }
  }

  private static GgufFormatException withPath(Path path, GgufFormatException e) {
    GgufFormatException wrapped = new GgufFormatException(e.rule(), e.offset(),
        e.getMessage().substring(e.getMessage().indexOf(": ") + 2) + " (" + path.getFileName() + ")", e);
    wrapped.setStackTrace(e.getStackTrace());
    return wrapped;
  }

  private static MappedFileChangedException changed(Path path, Throwable cause) {
    return new MappedFileChangedException("the mapped file " + path
        + " was truncated or changed while in use (a read of the mapping faulted)", cause);
  }

  /// GGUF version (2 or 3).
  public int version() {
    return version;
  }

  /// The metadata.
  public GgufMetadata metadata() {
    return metadata;
  }

  /// Tensor infos in file order.
  public List<GgufTensorInfo> tensors() {
    return tensors;
  }

  /// The tensor named `name`, if any.
  public Optional<GgufTensorInfo> tensor(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /// The path this file was opened from.
  public Path path() {
    return path;
  }

  /// Alignment of tensor data (`general.alignment`, default 32).
  public int alignment() {
    return alignment;
  }

  /// Absolute file offset where the data section starts.
  public long dataSectionOffset() {
    return dataStart;
  }

  /// Size of the file when it was opened.
  public long fileSize() {
    return size;
  }

  /// The whole mapping (read-only).
  public MemorySegment mapping() {
    checkOpen();
    return mapping;
  }

  /// The bytes of `tensor` as a zero-copy read-only slice of the mapping (`byteSize() ==
  /// tensor.byteSize()`, aligned to [#alignment()] relative to the start of the file).
  ///
  /// @throws IllegalArgumentException if `tensor` is not one of this file's tensors
  /// @throws IllegalStateException    if the file is closed
  public MemorySegment data(GgufTensorInfo tensor) {
    checkOpen();
    GgufTensorInfo own = byName.get(tensor.name());
    if (own == null || !own.equals(tensor)) {
      throw new IllegalArgumentException("tensor " + tensor.name() + " does not belong to " + path);
    }
    return mapping.asSlice(dataStart + own.offset(), own.byteSize()).asReadOnly();
  }

  /// Whether [#close()] has been called.
  public boolean isClosed() {
    return !arena.scope().isAlive();
  }

  private void checkOpen() {
    if (isClosed()) {
      throw new IllegalStateException("GGUF file " + path + " is closed");
    }
  }

  /// Checks that the file on disk still has the size, modification time and identity it had when
  /// it was opened, so the mapping can be trusted.
  ///
  /// @throws MappedFileChangedException if it was truncated, replaced, modified or deleted
  public void checkStillValid() {
    BasicFileAttributes now;
    try {
      now = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new MappedFileChangedException("the mapped file " + path + " can no longer be read: " + e, e);
    }
    if (now.size() != size) {
      throw new MappedFileChangedException("the mapped file " + path + " changed size from " + size
          + " to " + now.size() + " bytes while in use");
    }
    if (!now.lastModifiedTime().equals(modified)) {
      throw new MappedFileChangedException("the mapped file " + path + " was modified while in use");
    }
    if (fileKey != null && !fileKey.equals(now.fileKey())) {
      throw new MappedFileChangedException("the mapped file " + path + " was replaced while in use");
    }
  }

  /// Runs `action`, which reads this file's mapping, converting a faulting access (the
  /// `InternalError` the JVM raises when the mapped file was truncated) into a
  /// [MappedFileChangedException]. The fault is also recognised when it arrives wrapped as the
  /// cause of another runtime exception (e.g. a `CompletionException` from a worker pool).
  public <T> T guard(Supplier<T> action) {
    try {
      return action.get();
    } catch (InternalError e) {
      throw translate(e);
    } catch (RuntimeException e) {
      throw translateWrapped(e);
    }
  }

  /// Runs `action` like [#guard(Supplier)], for actions without a result.
  public void guardRun(Runnable action) {
    try {
      action.run();
    } catch (InternalError e) {
      throw translate(e);
    } catch (RuntimeException e) {
      throw translateWrapped(e);
    }
  }

  private RuntimeException translateWrapped(RuntimeException e) {
    if (!(e instanceof MappedFileChangedException)) {
      Throwable fault = findMappedAccessFault(e);
      if (fault != null) {
        return changed(path, fault);
      }
    }
    return e;
  }

  /// Converts an `InternalError` caught around a read of this file's mapping into a typed
  /// exception: a [MappedFileChangedException] if it is a memory-access fault, else the error
  /// itself is rethrown.
  public MappedFileChangedException translate(InternalError error) {
    if (!isMappedAccessFault(error)) {
      throw error;
    }
    return changed(path, error);
  }

  /// Whether `t` or one of its causes is the JVM's report of a faulting access to mapped memory.
  public static boolean isMappedAccessFault(Throwable t) {
    return findMappedAccessFault(t) != null;
  }

  private static Throwable findMappedAccessFault(Throwable t) {
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (t instanceof InternalError && t.getMessage() != null && t.getMessage().contains("unsafe memory access")) {
        return t;
      }
    }
    return null;
  }

  /// Unmaps the file (idempotent). Slices returned by [#data] become inaccessible.
  @Override
  public void close() {
    synchronized (this) {
      if (arena.scope().isAlive()) {
        arena.close();
      }
    }
  }

  @Override
  public String toString() {
    return "GgufFile[" + path + ", v" + version + ", " + metadata.size() + " keys, " + tensors.size() + " tensors]";
  }
}
