package io.nootropic.context.walk;

import java.nio.file.Path;

/// A text file the walker accepted.
///
/// @param file         absolute path
/// @param relativePath workspace-relative path with `/` separators
/// @param bytes        size on disk
/// @param text         content decoded as UTF-8 (invalid bytes replaced by U+FFFD)
/// @param sha256       hex SHA-256 of the raw bytes
public record SourceFile(Path file, String relativePath, long bytes, String text, String sha256) { }
