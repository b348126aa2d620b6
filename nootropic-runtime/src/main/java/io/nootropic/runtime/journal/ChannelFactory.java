package io.nootropic.runtime.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/// Opens the file channels the embedded journal writes to; tests inject failures through it.
@FunctionalInterface
public interface ChannelFactory {

  /// The default: a plain read-write [FileChannel] that creates the file when missing.
  ChannelFactory DEFAULT = path -> FileChannel.open(
      path,
      java.nio.file.StandardOpenOption.CREATE,
      java.nio.file.StandardOpenOption.READ,
      java.nio.file.StandardOpenOption.WRITE);

  /// Opens `path` for reading and writing, creating it when missing.
  FileChannel open(Path path) throws IOException;
}
