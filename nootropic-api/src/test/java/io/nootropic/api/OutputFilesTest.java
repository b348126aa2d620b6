package io.nootropic.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Output files are replaced atomically with sensible permissions, and links and devices are
/// written through, never replaced (`export-registry -o /dev/stdout` once replaced the link).
class OutputFilesTest {

  @TempDir Path dir;

  @Test
  void aNewFileGetsTheUmasksPermissionsNotATemporaryFilesPrivateOnes() throws IOException {
    Path f = dir.resolve("sub/new.json");
    OutputFiles.writeString(f, "{}");
    assertThat(f).hasContent("{}");
    // a file created the usual way in the same folder gets the umask's permissions
    Path reference = Files.createFile(dir.resolve("sub/reference"));
    assertThat(Files.getPosixFilePermissions(f)).isEqualTo(Files.getPosixFilePermissions(reference));
    try (var files = Files.list(dir.resolve("sub"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("new.json", "reference");
    }
  }

  @Test
  void anExistingFileKeepsItsPermissions() throws IOException {
    Path f = Files.writeString(dir.resolve("script.sh"), "old");
    Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rwxr-x---");
    Files.setPosixFilePermissions(f, perms);
    OutputFiles.writeString(f, "new");
    assertThat(f).hasContent("new");
    assertThat(Files.getPosixFilePermissions(f)).isEqualTo(perms);
  }

  @Test
  void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
    Path real = Files.writeString(dir.resolve("real.txt"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real);
    OutputFiles.writeString(link, "new");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(real).hasContent("new");
  }

  @Test
  void aDeviceIsWrittenInPlaceNeverReplaced() throws IOException {
    Path devNull = Path.of("/dev/null");
    OutputFiles.writeString(devNull, "discarded");
    assertThat(Files.isRegularFile(devNull, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.exists(devNull)).isTrue();
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path f = Files.writeString(dir.resolve("keep.txt"), "old");
    assertThatThrownBy(() -> OutputFiles.write(f, out -> {
      out.write("half".getBytes());
      throw new IOException("disk full");
    })).hasMessage("disk full");
    assertThat(f).hasContent("old");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void aDirectoryIsRefusedWithItsName() {
    assertThatThrownBy(() -> OutputFiles.writeString(dir, "x")).isInstanceOf(IOException.class)
        .hasMessageContaining("is a directory");
  }
}
