package io.nootropic.context.walk;

import java.util.List;
import java.util.Objects;

/// How [RepositoryWalker] walks a workspace.
///
/// @param maxFileBytes     files larger than this are skipped (and reported)
/// @param ignorePatterns   extra rules in `.gitignore` syntax, applied below every `.gitignore`
/// @param honourGitignore  whether `.gitignore` files (the root's and nested ones) are applied
/// @param followSymlinks   whether symbolic links are followed (loops are detected and reported)
public record WalkerConfig(long maxFileBytes, List<String> ignorePatterns, boolean honourGitignore, boolean followSymlinks) {

  /// Folders no index wants: VCS metadata, build output, caches.
  public static final List<String> DEFAULT_IGNORES = List.of(
      ".git/", ".hg/", ".svn/", ".nootropic-cache/", "node_modules/", "target/", ".gradle/",
      ".idea/", "__pycache__/", ".venv/", "*.class", "*.jar", "*.lock");

  /// Checks the fields.
  public WalkerConfig {
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes);
    }
    ignorePatterns = List.copyOf(Objects.requireNonNull(ignorePatterns, "ignorePatterns"));
  }

  /// Defaults: 1 MiB cap, [#DEFAULT_IGNORES], `.gitignore` honoured, symlinks followed.
  public static WalkerConfig ofDefaults() {
    return new WalkerConfig(1 << 20, DEFAULT_IGNORES, true, true);
  }

  /// A copy with a different size cap.
  public WalkerConfig withMaxFileBytes(long bytes) {
    return new WalkerConfig(bytes, ignorePatterns, honourGitignore, followSymlinks);
  }

  /// A copy with different extra ignore rules.
  public WalkerConfig withIgnorePatterns(List<String> patterns) {
    return new WalkerConfig(maxFileBytes, patterns, honourGitignore, followSymlinks);
  }
}
