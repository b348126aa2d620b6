package io.nootropic.testing;

import io.nootropic.runtime.journal.FileTaskStore;
import io.nootropic.runtime.journal.TaskStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/// The embedded journal keeps the task-store contract.
class FileTaskStoreContractTest extends TaskStoreContract {

  @TempDir
  Path dir;

  @Override
  protected TaskStore open() {
    return FileTaskStore.open(dir);
  }

  /// Cuts the last three bytes off the newest segment, as a crash in the middle of a write would.
  @Override
  protected void tearLastRecord() throws IOException {
    Path newest;
    try (Stream<Path> files = Files.list(dir)) {
      newest = files.filter(p -> p.getFileName().toString().matches("seg-.*\\.log"))
          .max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
    }
    try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 3);
    }
  }
}
