package io.nootropic.context.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/// Keeps the context module's cache (`.nootropic-cache/`) out of the user's `git status`.
public final class CacheFolders {

  /// The cache folder's name in a workspace.
  public static final String NAME = ".nootropic-cache";

  private CacheFolders() {}

  /// If `dir` is inside a `.nootropic-cache` folder, makes sure that folder holds a `.gitignore`
  /// ignoring everything in it. Best effort: a read-only cache is not an error here.
  public static void ignoreInGit(Path dir) {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      Path name = p.getFileName();
      if (name != null && name.toString().equals(NAME)) {
        Path ignore = p.resolve(".gitignore");
        if (!Files.exists(ignore, LinkOption.NOFOLLOW_LINKS)) {
          try {
            Files.writeString(ignore, "# Nootropic's index and memory cache, never committed\n*\n", StandardCharsets.UTF_8);
          } catch (IOException e) {
            // best effort
          }
        }
        return;
      }
    }
  }
}
