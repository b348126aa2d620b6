package io.nootropic.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A file truncated, replaced or modified while mapped surfaces as a typed
/// [MappedFileChangedException], never as the JVM's InternalError.
class GgufMappedFileChangeTest {

  @TempDir
  Path dir;

  private Path bigFile(String name) throws Exception {
    Path p = dir.resolve(name);
    byte[] data = GgufFixtures.pattern(4 << 20, 7);
    GgufWriter.create().put("general.architecture", "test")
        .addTensor("big", GgmlType.I8, new long[] {data.length}, data).write(p);
    return p;
  }

  @Test
  void readingATruncatedMappingRaisesTheTypedError() throws Exception {
    Path p = bigFile("trunc.gguf");
    try (GgufFile f = GgufFile.open(p)) {
      MemorySegment big = f.data(f.tensor("big").orElseThrow());
      f.checkStillValid();
      assertThat(f.guard(() -> big.get(ValueLayout.JAVA_BYTE, big.byteSize() - 1)))
          .isEqualTo(GgufFixtures.pattern(4 << 20, 7)[(4 << 20) - 1]);

      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
        ch.truncate(4096);
      }

      assertThatThrownBy(f::checkStillValid).isInstanceOf(MappedFileChangedException.class)
          .hasMessageContaining("changed size from")
          .extracting("rule").isEqualTo("file-changed-while-mapped");

      Throwable t = catchThrowable(() -> f.guard(() -> {
        long sum = 0;
        for (long i = big.byteSize() - 1; i >= big.byteSize() / 2; i -= 4096) {
          sum += big.get(ValueLayout.JAVA_BYTE, i);
        }
        return sum;
      }));
      assertThat(t).isInstanceOf(MappedFileChangedException.class)
          .hasMessageContaining("truncated or changed while in use")
          .hasCauseInstanceOf(InternalError.class);

      // a fault on a pool thread, arriving wrapped in a CompletionException, is recognised too
      Throwable pooled = catchThrowable(() -> f.guard(() -> java.util.concurrent.CompletableFuture
          .supplyAsync(() -> big.get(ValueLayout.JAVA_BYTE, big.byteSize() - 4097)).join()));
      assertThat(pooled).isInstanceOf(MappedFileChangedException.class);

      // a bulk copy out of the truncated region is caught the same way
      Throwable bulk = catchThrowable(() -> f.guardRun(() -> big.asSlice(big.byteSize() - 8192).toArray(ValueLayout.JAVA_BYTE)));
      assertThat(bulk).isInstanceOf(MappedFileChangedException.class);
    }
  }

  @Test
  void replacementAndModificationAreDetected() throws Exception {
    Path p = bigFile("replace.gguf");
    Path other = bigFile("other.gguf");
    try (GgufFile f = GgufFile.open(p)) {
      Files.move(other, p, StandardCopyOption.REPLACE_EXISTING);
      assertThatThrownBy(f::checkStillValid).isInstanceOf(MappedFileChangedException.class);
    }
    try (GgufFile f = GgufFile.open(p)) {
      Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
      assertThatThrownBy(f::checkStillValid).isInstanceOf(MappedFileChangedException.class)
          .hasMessageContaining("modified");
    }
    try (GgufFile f = GgufFile.open(p)) {
      Files.delete(p);
      assertThatThrownBy(f::checkStillValid).isInstanceOf(MappedFileChangedException.class);
    }
  }

  @Test
  void otherInternalErrorsAreNotSwallowed() throws Exception {
    try (GgufFile f = GgufFile.open(bigFile("x.gguf"))) {
      assertThatThrownBy(() -> f.guardRun(() -> {
        throw new InternalError("something else");
      })).isInstanceOf(InternalError.class).hasMessage("something else");
    }
  }

  @Test
  void closeIsIdempotentAndDataAfterCloseIsRefused() throws Exception {
    GgufFile f = GgufFile.open(bigFile("c.gguf"));
    GgufTensorInfo t = f.tensor("big").orElseThrow();
    MemorySegment seg = f.data(t);
    f.close();
    f.close();
    assertThat(f.isClosed()).isTrue();
    assertThatThrownBy(() -> f.data(t)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> seg.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void foreignTensorInfosAreRefused() throws Exception {
    try (GgufFile f = GgufFile.open(bigFile("y.gguf"))) {
      GgufTensorInfo fake = new GgufTensorInfo("big", new long[] {1 << 30}, GgmlType.I8, 0, 1 << 30);
      assertThatThrownBy(() -> f.data(fake)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
