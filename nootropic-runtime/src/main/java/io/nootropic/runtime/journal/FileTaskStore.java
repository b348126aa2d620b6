package io.nootropic.runtime.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.runtime.internal.journal.Frames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The embedded [TaskStore]: an append-only journal of CRC32C-checked, length-prefixed records in
/// a directory, with snapshots and compaction.
///
/// Layout: `seg-<first seq>.log` segment files, `snap-<seq>.snap` snapshots and a `LOCK` file
/// that keeps a second process out. On open, a torn or corrupt tail of the last segment (one after
/// which no valid frame follows) is cut off and reported in [Recovery#report()]; damage anywhere
/// else throws [JournalCorruptedException] rather than silently dropping committed records. A
/// failed write or `force()` puts the store in a failed state: that append and every later one
/// throw [StoreFailedException].
public final class FileTaskStore implements TaskStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileTaskStore.class);
  private static final String SEGMENT_PREFIX = "seg-";
  private static final String SEGMENT_SUFFIX = ".log";
  private static final String SNAPSHOT_PREFIX = "snap-";
  private static final String SNAPSHOT_SUFFIX = ".snap";

  private final Path dir;
  private final JournalConfig config;
  private final ObjectMapper json = new ObjectMapper();
  private final ReentrantLock lock = new ReentrantLock();
  private final ReentrantLock syncLock = new ReentrantLock();
  private final Condition synced = syncLock.newCondition();
  private final AtomicLong durable = new AtomicLong();
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private final Recovery recovery;

  private FileChannel channel;
  private Path segment;
  private long segmentSize;
  private long lastSeq;
  private boolean syncing;
  private volatile Throwable failure;
  private volatile boolean closed;

  private FileTaskStore(Path dir, JournalConfig config) throws IOException {
    this.dir = dir;
    this.config = config;
    Files.createDirectories(dir);
    lockChannel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      lockChannel.close();
      throw new StoreException("journal " + dir + " is already open in another process or store");
    }
    fileLock = l;
    try {
      recovery = recover();
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /// Opens (creating when missing) the journal in `dir`, repairing a torn tail.
  ///
  /// @throws JournalCorruptedException when committed data is damaged
  /// @throws StoreException when the directory cannot be used or is open elsewhere
  public static FileTaskStore open(Path dir, JournalConfig config) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(config, "config");
    try {
      return new FileTaskStore(dir, config);
    } catch (IOException e) {
      throw new StoreException("cannot open journal " + dir + ": " + e, e);
    }
  }

  /// Opens the journal in `dir` with [JournalConfig#ofDefaults()].
  public static FileTaskStore open(Path dir) {
    return open(dir, JournalConfig.ofDefaults());
  }

  /// The directory of this journal.
  public Path directory() {
    return dir;
  }

  @Override
  public Recovery recovery() {
    return recovery;
  }

  @Override
  public long lastSeq() {
    lock.lock();
    try {
      return lastSeq;
    } finally {
      lock.unlock();
    }
  }

  /// Whether a write or flush failed; the store then refuses further writes.
  public boolean isFailed() {
    return failure != null;
  }

  @Override
  public JournalRecord append(String runId, String type, JsonNode data) {
    JournalRecord r = appendDeferred(runId, type, data);
    awaitDurable(r.seq());
    return r;
  }

  @Override
  public JournalRecord appendDeferred(String runId, String type, JsonNode data) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(type, "type");
    JournalRecord record;
    lock.lock();
    try {
      checkWritable();
      record = new JournalRecord(lastSeq + 1, runId, type, config.clock().instant(), data);
      byte[] payload = encode(record);
      if (payload.length > config.maxRecordBytes()) {
        throw new StoreException("record " + type + " of run " + runId + " is " + payload.length
            + " bytes, over the limit of " + config.maxRecordBytes());
      }
      byte[] frame = Frames.frame(payload);
      try {
        if (segmentSize + frame.length > config.segmentBytes() && segmentSize > Frames.SEGMENT_HEADER) {
          roll(record.seq());
        }
        writeFully(channel, frame, segmentSize);
        segmentSize += frame.length;
        lastSeq = record.seq();
        if (config.syncPolicy() == SyncPolicy.EVERY_RECORD) {
          channel.force(false);
          durable.accumulateAndGet(lastSeq, Math::max);
        } else if (config.syncPolicy() == SyncPolicy.NONE) {
          durable.accumulateAndGet(lastSeq, Math::max);
        }
      } catch (IOException | RuntimeException e) {
        throw fail("append of record " + record.seq() + " to " + segment, e);
      }
    } finally {
      lock.unlock();
    }
    return record;
  }

  /// Waits for `seq` to be durable; under [SyncPolicy#GROUP] one waiting thread forces the file for
  /// every record written so far while the others wait (group commit).
  @Override
  public void awaitDurable(long seq) {
    if (durable.get() >= seq) {
      return;
    }
    syncLock.lock();
    try {
      while (durable.get() < seq) {
        if (failure != null) {
          throw new StoreFailedException("journal " + dir + " failed before record " + seq + " was forced", failure);
        }
        if (syncing) {
          synced.awaitUninterruptibly();
          continue;
        }
        syncing = true;
        syncLock.unlock();
        long upTo = -1;
        try {
          FileChannel ch;
          lock.lock();
          try {
            checkWritable();
            upTo = lastSeq;
            ch = channel;
          } finally {
            lock.unlock();
          }
          // force outside the write lock so writers keep appending into the next group; a roll
          // in between forces and closes the old segment itself
          try {
            ch.force(false);
          } catch (java.nio.channels.ClosedChannelException e) {
            if (durable.get() < upTo) {
              throw fail("group commit of " + segment, e);
            }
          } catch (IOException | RuntimeException e) {
            throw fail("group commit of " + segment, e);
          }
        } catch (StoreException e) {
          upTo = -1;
          throw e;
        } finally {
          syncLock.lock();
          syncing = false;
          if (upTo >= 0 && failure == null) {
            durable.accumulateAndGet(upTo, Math::max);
          }
          synced.signalAll();
        }
      }
    } finally {
      syncLock.unlock();
    }
  }

  @Override
  public void snapshot(JsonNode state) {
    Objects.requireNonNull(state, "state");
    lock.lock();
    try {
      checkWritable();
      long seq = lastSeq;
      try {
        if (segmentSize > Frames.SEGMENT_HEADER) {
          roll(seq + 1);
        }
        byte[] bytes = Frames.snapshot(seq, json.writeValueAsBytes(state));
        Path tmp = dir.resolve(SNAPSHOT_PREFIX + name(seq) + ".tmp");
        try (FileChannel ch = config.channels().open(tmp)) {
          ch.truncate(0);
          writeFully(ch, bytes, 0);
          ch.force(true);
        }
        Files.move(tmp, dir.resolve(SNAPSHOT_PREFIX + name(seq) + SNAPSHOT_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
      } catch (IOException | RuntimeException e) {
        throw fail("snapshot at record " + seq + " in " + dir, e);
      }
      compact(seq);
    } finally {
      lock.unlock();
    }
  }

  /// Deletes segments and snapshots the snapshot at `seq` covers. Failures here lose nothing.
  private void compact(long seq) {
    try {
      for (Path p : list(SEGMENT_PREFIX, SEGMENT_SUFFIX)) {
        if (!p.equals(segment) && firstSeqOf(p) <= seq) {
          Files.deleteIfExists(p);
        }
      }
      for (Path p : list(SNAPSHOT_PREFIX, SNAPSHOT_SUFFIX)) {
        if (seqOf(p, SNAPSHOT_PREFIX, SNAPSHOT_SUFFIX) < seq) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      LOG.warn("compaction of journal {} failed; old files stay until the next snapshot: {}", dir, e.toString());
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (channel != null && failure == null && config.syncPolicy() != SyncPolicy.NONE) {
        try {
          channel.force(false);
          durable.accumulateAndGet(lastSeq, Math::max);
        } catch (IOException e) {
          LOG.warn("final flush of journal {} failed: {}", dir, e.toString());
        }
      }
      closeQuietly();
    } finally {
      lock.unlock();
    }
  }

  private void closeQuietly() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      LOG.debug("closing {}: {}", segment, e.toString());
    }
    try {
      fileLock.release();
    } catch (IOException e) {
      LOG.debug("releasing lock of {}: {}", dir, e.toString());
    }
    try {
      lockChannel.close();
    } catch (IOException e) {
      LOG.debug("closing lock of {}: {}", dir, e.toString());
    }
  }

  private void checkWritable() {
    if (closed) {
      throw new StoreClosedException("journal " + dir + " is closed");
    }
    Throwable f = failure;
    if (f != null) {
      throw new StoreFailedException(
          "journal " + dir + " refuses writes after an earlier write or fsync failure; reopen it to recover", f);
    }
  }

  private StoreFailedException fail(String what, Throwable e) {
    if (failure == null) {
      failure = e;
    }
    LOG.error("journal {} failed during {}; refusing further writes", dir, what, e);
    return new StoreFailedException(what + " failed: " + e, e);
  }

  private void roll(long firstSeq) throws IOException {
    if (channel != null) {
      if (config.syncPolicy() != SyncPolicy.NONE) {
        channel.force(false);
      }
      durable.accumulateAndGet(lastSeq, Math::max);
      channel.close();
    }
    newSegment(firstSeq);
  }

  private void newSegment(long firstSeq) throws IOException {
    segment = dir.resolve(SEGMENT_PREFIX + name(firstSeq) + SEGMENT_SUFFIX);
    channel = config.channels().open(segment);
    channel.truncate(0);
    writeFully(channel, Frames.segmentHeader(firstSeq), 0);
    channel.force(true);
    segmentSize = Frames.SEGMENT_HEADER;
    syncDirectory();
  }

  // ---------------------------------------------------------------- recovery

  private Recovery recover() throws IOException {
    long t0 = System.nanoTime();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
        Files.deleteIfExists(p);
      }
    }
    Optional<Snapshot> snapshot = readSnapshot();
    long snapSeq = snapshot.map(Snapshot::seq).orElse(0L);
    List<Path> segments = list(SEGMENT_PREFIX, SEGMENT_SUFFIX);
    List<JournalRecord> records = new ArrayList<>();
    long expected = -1;
    long truncated = 0;
    String problem = "";
    for (int i = 0; i < segments.size(); i++) {
      Path p = segments.get(i);
      boolean last = i == segments.size() - 1;
      byte[] b = Files.readAllBytes(p);
      long first = firstSeqOf(p);
      if (b.length < Frames.SEGMENT_HEADER || !validSegmentHeader(b, first)) {
        if (last && b.length <= Frames.SEGMENT_HEADER) {
          // crash while a new segment was being created: nothing was committed to it
          truncated += b.length;
          problem = "incomplete segment header in " + p.getFileName();
          Files.delete(p);
          segments.remove(i);
          break;
        }
        throw new JournalCorruptedException(p, 0, "segment header is damaged");
      }
      if (expected >= 0 && first != expected) {
        throw new JournalCorruptedException(p, 0, "segment starts at record " + first + ", expected " + expected);
      }
      if (expected < 0 && first > snapSeq + 1) {
        throw new JournalCorruptedException(p, 0,
            "records " + (snapSeq + 1) + ".." + (first - 1) + " are missing (snapshot is at " + snapSeq + ")");
      }
      long seq = first;
      int pos = Frames.SEGMENT_HEADER;
      while (pos < b.length) {
        String bad = Frames.checkFrame(b, pos, b.length, config.maxRecordBytes());
        JournalRecord r = null;
        if (bad == null) {
          int len = Frames.intAt(b, pos);
          try {
            r = decode(b, pos + Frames.FRAME_HEADER, len);
            if (r.seq() != seq) {
              bad = "record has sequence " + r.seq() + ", expected " + seq;
            }
          } catch (IOException | RuntimeException e) {
            bad = "payload is not a journal record: " + e.getMessage();
          }
        }
        if (bad != null) {
          if (!last || Frames.anyValidFrame(b, pos + 1, b.length, config.maxRecordBytes())) {
            throw new JournalCorruptedException(p, pos, bad + " with committed records after it");
          }
          truncated += b.length - pos;
          problem = bad + " at byte " + pos + " of " + p.getFileName();
          LOG.warn("journal {}: cutting off a torn or corrupt tail of {} bytes ({})", dir, b.length - pos, problem);
          try (FileChannel ch = config.channels().open(p)) {
            ch.truncate(pos);
            ch.force(true);
          }
          b = java.util.Arrays.copyOf(b, pos);
          break;
        }
        if (r.seq() > snapSeq) {
          records.add(r);
        }
        seq++;
        pos += Frames.FRAME_HEADER + Frames.intAt(b, pos);
      }
      expected = seq;
      if (last) {
        segment = p;
        channel = config.channels().open(p);
        segmentSize = pos;
        channel.position(pos);
      }
    }
    lastSeq = Math.max(snapSeq, expected < 0 ? 0 : expected - 1);
    if (channel == null) {
      newSegment(lastSeq + 1);
    }
    // segments wholly covered by the snapshot are leftovers of an interrupted compaction
    if (snapSeq > 0) {
      compact(snapSeq);
    }
    durable.set(lastSeq);
    RecoveryReport report = new RecoveryReport(records.size(), snapSeq, truncated, problem, System.nanoTime() - t0);
    return new Recovery(snapshot, records, report);
  }

  private boolean validSegmentHeader(byte[] b, long first) {
    return Frames.intAt(b, 0) == Frames.SEGMENT_MAGIC
        && Frames.intAt(b, 4) == Frames.VERSION
        && Frames.longAt(b, 8) == first
        && Frames.crc(b, 0, 16) == Frames.intAt(b, 16);
  }

  private Optional<Snapshot> readSnapshot() throws IOException {
    List<Path> snaps = list(SNAPSHOT_PREFIX, SNAPSHOT_SUFFIX);
    if (snaps.isEmpty()) {
      return Optional.empty();
    }
    Path p = snaps.getLast();
    byte[] b = Files.readAllBytes(p);
    long seq = seqOf(p, SNAPSHOT_PREFIX, SNAPSHOT_SUFFIX);
    if (b.length < Frames.SNAPSHOT_HEADER
        || Frames.intAt(b, 0) != Frames.SNAPSHOT_MAGIC
        || Frames.intAt(b, 4) != Frames.VERSION
        || Frames.crc(b, 0, 24) != Frames.intAt(b, 24)
        || Frames.longAt(b, 8) != seq) {
      throw new JournalCorruptedException(p, 0, "snapshot header is damaged");
    }
    int len = Frames.intAt(b, 16);
    if (len < 0 || Frames.SNAPSHOT_HEADER + (long) len != b.length
        || Frames.crc(b, Frames.SNAPSHOT_HEADER, len) != Frames.intAt(b, 20)) {
      throw new JournalCorruptedException(p, Frames.SNAPSHOT_HEADER, "snapshot payload is damaged");
    }
    return Optional.of(new Snapshot(seq, json.readTree(b, Frames.SNAPSHOT_HEADER, len)));
  }

  // ---------------------------------------------------------------- helpers

  private byte[] encode(JournalRecord r) {
    ObjectNode n = json.createObjectNode();
    n.put("seq", r.seq());
    n.put("run", r.runId());
    n.put("type", r.type());
    n.put("time", r.time().toString());
    n.set("data", r.data());
    try {
      return json.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new StoreException("cannot encode record " + r.type() + ": " + e, e);
    }
  }

  private JournalRecord decode(byte[] b, int off, int len) throws IOException {
    JsonNode n = json.readTree(b, off, len);
    return new JournalRecord(
        n.required("seq").asLong(),
        n.required("run").asText(),
        n.required("type").asText(),
        Instant.parse(n.required("time").asText()),
        n.get("data"));
  }

  private static void writeFully(FileChannel ch, byte[] bytes, long position) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long pos = position;
    while (buf.hasRemaining()) {
      pos += ch.write(buf, pos);
    }
  }

  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      LOG.debug("directory fsync of {} not supported: {}", dir, e.toString());
    }
  }

  private List<Path> list(String prefix, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.filter(p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(suffix);
          })
          .sorted()
          .toList());
    } catch (NoSuchFileException e) {
      return new ArrayList<>();
    }
  }

  private static String name(long seq) {
    return String.format("%020d", seq);
  }

  private static long firstSeqOf(Path p) {
    return seqOf(p, SEGMENT_PREFIX, SEGMENT_SUFFIX);
  }

  private static long seqOf(Path p, String prefix, String suffix) {
    String n = p.getFileName().toString();
    try {
      return Long.parseLong(n.substring(prefix.length(), n.length() - suffix.length()));
    } catch (NumberFormatException e) {
      throw new StoreException("unexpected file name " + p + " in journal directory");
    }
  }
}
