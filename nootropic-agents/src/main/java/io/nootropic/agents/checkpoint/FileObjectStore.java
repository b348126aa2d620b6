package io.nootropic.agents.checkpoint;

import io.nootropic.api.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/// Saved contents as files named by their SHA-256, outside git.
final class FileObjectStore implements ObjectStore {

  private final Path dir;

  FileObjectStore(Path dir) {
    this.dir = dir;
  }

  @Override
  public String kind() {
    return "copies";
  }

  @Override
  public String save(byte[] content) throws IOException {
    String id = sha256(content);
    Path file = dir.resolve(id.substring(0, 2)).resolve(id);
    if (!Files.exists(file)) {
      OutputFiles.write(file, out -> out.write(content));
    }
    return id;
  }

  @Override
  public byte[] load(String id) {
    if (!id.matches("[0-9a-f]{64}")) {
      throw new CheckpointException("saved content id '" + id + "' is not a SHA-256");
    }
    Path file = dir.resolve(id.substring(0, 2)).resolve(id);
    try {
      byte[] content = Files.readAllBytes(file);
      if (!sha256(content).equals(id)) {
        throw new CheckpointException("the saved content " + file + " is damaged (its SHA-256 changed)");
      }
      return content;
    } catch (IOException e) {
      throw new CheckpointException("cannot read the saved content " + file + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
