package io.nootropic.runtime.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTaskStoreTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static ObjectNode data(int i) {
    return JSON.createObjectNode().put("i", i).put("text", "record number " + i);
  }

  private static JournalConfig fast() {
    return JournalConfig.custom().syncPolicy(SyncPolicy.NONE).build();
  }

  private List<Integer> values(Recovery r) {
    return r.records().stream().map(x -> x.data().get("i").asInt()).toList();
  }

  private Path onlySegment(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      List<Path> segs = s.filter(p -> p.getFileName().toString().endsWith(".log")).toList();
      assertThat(segs).hasSize(1);
      return segs.getFirst();
    }
  }

  @Test
  void appendedRecordsAreReadBackInOrderAfterReopen() {
    try (FileTaskStore s = FileTaskStore.open(dir)) {
      assertThat(s.recovery().records()).isEmpty();
      for (int i = 1; i <= 20; i++) {
        JournalRecord r = s.append("run-1", "test.record", data(i));
        assertThat(r.seq()).isEqualTo(i);
      }
    }
    try (FileTaskStore s = FileTaskStore.open(dir)) {
      assertThat(values(s.recovery())).isEqualTo(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
      assertThat(s.recovery().report().truncated()).isFalse();
      assertThat(s.lastSeq()).isEqualTo(20);
      assertThat(s.append("run-1", "more", data(21)).seq()).isEqualTo(21);
    }
  }

  @Test
  void secondOpenOfTheSameDirectoryIsRefused() {
    try (FileTaskStore s = FileTaskStore.open(dir)) {
      assertThat(s.directory()).isEqualTo(dir);
      assertThatThrownBy(() -> FileTaskStore.open(dir))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("already open");
    }
  }

  @Test
  void truncationAtEveryOffsetOfTheLastRecordsRecoversTheCommittedPrefix() throws IOException {
    Path src = dir.resolve("src");
    List<Long> ends = new ArrayList<>();
    try (FileTaskStore s = FileTaskStore.open(src, fast())) {
      for (int i = 1; i <= 6; i++) {
        s.append("r", "t", data(i));
        ends.add(Files.size(onlySegment(src)));
      }
    }
    byte[] full = Files.readAllBytes(onlySegment(src));
    String segName = onlySegment(src).getFileName().toString();
    long from = ends.get(2); // every offset within the last three records
    for (long cut = from; cut <= full.length; cut++) {
      Path d = dir.resolve("cut-" + cut);
      Files.createDirectories(d);
      Files.write(d.resolve(segName), java.util.Arrays.copyOf(full, (int) cut));
      int committed = 0;
      for (long e : ends) {
        if (e <= cut) {
          committed++;
        }
      }
      try (FileTaskStore s = FileTaskStore.open(d, fast())) {
        Recovery r = s.recovery();
        assertThat(r.records()).as("cut at %d", cut).hasSize(committed);
        assertThat(values(r)).isEqualTo(java.util.stream.IntStream.rangeClosed(1, committed).boxed().toList());
        assertThat(r.report().truncated()).as("cut at %d", cut).isEqualTo(!ends.contains(cut));
        // the repaired journal accepts appends and reads them back
        assertThat(s.append("r", "t", data(100)).seq()).isEqualTo(committed + 1);
      }
      try (FileTaskStore s = FileTaskStore.open(d, fast())) {
        assertThat(s.recovery().records()).hasSize(committed + 1);
        assertThat(s.recovery().report().truncated()).isFalse();
      }
    }
  }

  @Test
  void everySingleFlippedBitIsDetected() throws IOException {
    Path src = dir.resolve("src");
    try (FileTaskStore s = FileTaskStore.open(src, fast())) {
      for (int i = 1; i <= 3; i++) {
        s.append("r", "t", data(i));
      }
    }
    Path seg = onlySegment(src);
    byte[] full = Files.readAllBytes(seg);
    String segName = seg.getFileName().toString();
    int detectedByError = 0;
    int detectedByTruncation = 0;
    for (int bit = 0; bit < full.length * 8; bit++) {
      byte[] b = full.clone();
      b[bit / 8] ^= (byte) (1 << (bit % 8));
      Path d = dir.resolve("flip");
      Files.createDirectories(d);
      try (Stream<Path> s = Files.list(d)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.write(d.resolve(segName), b);
      try (FileTaskStore s = FileTaskStore.open(d, fast())) {
        Recovery r = s.recovery();
        // accepted content must be an unaltered prefix, and the damage must be reported
        assertThat(r.report().truncated()).as("bit %d silently accepted", bit).isTrue();
        assertThat(r.records().size()).as("bit %d", bit).isLessThan(3);
        assertThat(values(r)).isEqualTo(java.util.stream.IntStream.rangeClosed(1, r.records().size()).boxed().toList());
        detectedByTruncation++;
      } catch (JournalCorruptedException e) {
        assertThat(e.getMessage()).contains(segName);
        detectedByError++;
      }
    }
    assertThat(detectedByError + detectedByTruncation).isEqualTo(full.length * 8);
    assertThat(detectedByError).isPositive();
    assertThat(detectedByTruncation).isPositive();
  }

  @Test
  void forceFailureMakesTheStoreRefuseFurtherWrites() {
    AtomicBoolean failForce = new AtomicBoolean();
    JournalConfig cfg = JournalConfig.custom()
        .syncPolicy(SyncPolicy.EVERY_RECORD)
        .channels(p -> new FailingChannel(ChannelFactory.DEFAULT.open(p), failForce))
        .build();
    try (FileTaskStore s = FileTaskStore.open(dir, cfg)) {
      s.append("r", "t", data(1));
      failForce.set(true);
      assertThatThrownBy(() -> s.append("r", "t", data(2)))
          .isInstanceOf(StoreFailedException.class)
          .hasMessageContaining("injected fsync failure");
      failForce.set(false);
      // the channel works again, but the store must not pretend the earlier write is fine
      assertThatThrownBy(() -> s.append("r", "t", data(3)))
          .isInstanceOf(StoreFailedException.class)
          .hasMessageContaining("refuses writes");
      assertThatThrownBy(() -> s.snapshot(JSON.createObjectNode()))
          .isInstanceOf(StoreFailedException.class);
      assertThat(s.isFailed()).isTrue();
    }
    try (FileTaskStore s = FileTaskStore.open(dir)) {
      assertThat(s.recovery().records()).extracting(JournalRecord::seq).startsWith(1L);
      assertThat(s.recovery().records().size()).isBetween(1, 2);
    }
  }

  @Test
  void groupCommitForceFailureFailsEveryWaitingAppend() throws Exception {
    AtomicBoolean failForce = new AtomicBoolean(true);
    JournalConfig cfg = JournalConfig.custom()
        .syncPolicy(SyncPolicy.GROUP)
        .channels(p -> new FailingChannel(ChannelFactory.DEFAULT.open(p), failForce))
        .build();
    // the segment header is forced at creation: allow that, then fail
    failForce.set(false);
    try (FileTaskStore s = FileTaskStore.open(dir, cfg)) {
      failForce.set(true);
      List<Thread> threads = new ArrayList<>();
      List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < 8; i++) {
        int n = i;
        threads.add(Thread.ofVirtual().start(() -> {
          try {
            s.append("r", "t", data(n));
          } catch (Throwable t) {
            errors.add(t);
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(errors).hasSize(8).allMatch(t -> t instanceof StoreFailedException);
    }
  }

  @Test
  void groupCommitRecordsAreAllDurableAndOrdered() throws Exception {
    JournalConfig cfg = JournalConfig.custom().syncPolicy(SyncPolicy.GROUP).build();
    try (FileTaskStore s = FileTaskStore.open(dir, cfg)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int base = t * 100;
        threads.add(Thread.ofVirtual().start(() -> {
          for (int i = 0; i < 25; i++) {
            s.append("r", "t", data(base + i));
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
    }
    try (FileTaskStore s = FileTaskStore.open(dir)) {
      Recovery r = s.recovery();
      assertThat(r.records()).hasSize(200);
      assertThat(r.records()).extracting(JournalRecord::seq)
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 200).boxed().toList());
      assertThat(values(r)).doesNotHaveDuplicates();
    }
  }

  @Test
  void snapshotCompactsAndRecoveryResumesAfterIt() throws IOException {
    try (FileTaskStore s = FileTaskStore.open(dir, JournalConfig.custom().segmentBytes(2048).build())) {
      for (int i = 1; i <= 50; i++) {
        s.append("r", "t", data(i));
      }
      s.snapshot(JSON.createObjectNode().put("upTo", 50));
      for (int i = 51; i <= 55; i++) {
        s.append("r", "t", data(i));
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names.stream().filter(n -> n.endsWith(".log"))).hasSize(1);
      assertThat(names.stream().filter(n -> n.endsWith(".snap"))).hasSize(1);
    }
    try (FileTaskStore s = FileTaskStore.open(dir)) {
      Recovery r = s.recovery();
      assertThat(r.snapshot()).isPresent();
      assertThat(r.snapshot().get().seq()).isEqualTo(50);
      assertThat(r.snapshot().get().state().get("upTo").asInt()).isEqualTo(50);
      assertThat(values(r)).containsExactly(51, 52, 53, 54, 55);
      assertThat(s.lastSeq()).isEqualTo(55);
    }
  }

  @Test
  void damagedSnapshotIsRefusedNotIgnored() throws IOException {
    try (FileTaskStore s = FileTaskStore.open(dir)) {
      s.append("r", "t", data(1));
      s.snapshot(JSON.createObjectNode().put("upTo", 1));
    }
    Path snap;
    try (Stream<Path> files = Files.list(dir)) {
      snap = files.filter(p -> p.toString().endsWith(".snap")).findFirst().orElseThrow();
    }
    byte[] b = Files.readAllBytes(snap);
    b[b.length - 2] ^= 0x10;
    Files.write(snap, b);
    assertThatThrownBy(() -> FileTaskStore.open(dir)).isInstanceOf(JournalCorruptedException.class);
  }

  @Test
  void segmentsRollAndAreReadAcrossFiles() {
    try (FileTaskStore s = FileTaskStore.open(dir, JournalConfig.custom().segmentBytes(1024).syncPolicy(SyncPolicy.NONE).build())) {
      for (int i = 1; i <= 100; i++) {
        s.append("r", "t", data(i));
      }
    }
    try (FileTaskStore s = FileTaskStore.open(dir)) {
      assertThat(values(s.recovery())).hasSize(100).startsWith(1, 2).endsWith(99, 100);
    }
  }

  @Test
  void oversizedRecordIsRefusedWithoutFailingTheStore() {
    try (FileTaskStore s = FileTaskStore.open(dir, JournalConfig.custom().maxRecordBytes(200).build())) {
      assertThatThrownBy(() -> s.append("r", "t", JSON.createObjectNode().put("x", "y".repeat(300))))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("over the limit");
      assertThat(s.append("r", "t", data(1)).seq()).isEqualTo(1);
    }
  }

  /// Delegates everything to a real channel; `force` throws while the flag is set.
  static final class FailingChannel extends FileChannel {
    private final FileChannel d;
    private final AtomicBoolean failForce;

    FailingChannel(FileChannel d, AtomicBoolean failForce) {
      this.d = d;
      this.failForce = failForce;
    }

    @Override public int read(ByteBuffer dst) throws IOException { return d.read(dst); }
    @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return d.read(dsts, offset, length); }
    @Override public int write(ByteBuffer src) throws IOException { return d.write(src); }
    @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { return d.write(srcs, offset, length); }
    @Override public long position() throws IOException { return d.position(); }
    @Override public FileChannel position(long newPosition) throws IOException { d.position(newPosition); return this; }
    @Override public long size() throws IOException { return d.size(); }
    @Override public FileChannel truncate(long size) throws IOException { d.truncate(size); return this; }

    @Override
    public void force(boolean metaData) throws IOException {
      if (failForce.get()) {
        throw new IOException("injected fsync failure");
      }
      d.force(metaData);
    }

    @Override public long transferTo(long position, long count, WritableByteChannel target) throws IOException { return d.transferTo(position, count, target); }
    @Override public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException { return d.transferFrom(src, position, count); }
    @Override public int read(ByteBuffer dst, long position) throws IOException { return d.read(dst, position); }
    @Override public int write(ByteBuffer src, long position) throws IOException { return d.write(src, position); }
    @Override public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException { return d.map(mode, position, size); }
    @Override public FileLock lock(long position, long size, boolean shared) throws IOException { return d.lock(position, size, shared); }
    @Override public FileLock tryLock(long position, long size, boolean shared) throws IOException { return d.tryLock(position, size, shared); }
    @Override protected void implCloseChannel() throws IOException { d.close(); }
  }
}
