package io.nootropic.agents.edit;

import java.util.Objects;

/// One change a model asked for, parsed from its reply by an [EditFormat] and applied by the
/// [EditApplier].
public sealed interface Edit {

  /// The workspace-relative path it changes.
  String path();

  /// The kind in JSON: `replace`, `whole`, `create` or `delete`.
  String kind();

  /// Replaces the lines `search` with `replace` in an existing file. An empty `search` creates the
  /// file when it does not exist and appends to it when it does (as Aider does).
  ///
  /// @param path    the file
  /// @param search  the lines to find, ending with a newline (empty to create or append)
  /// @param replace the lines to put instead, ending with a newline (empty to delete the lines)
  /// @param anchor  a line that must come before the match (an apply_patch `@@` context), or `null`
  /// @param atEnd   the match must end the file (apply_patch's `*** End of File`)
  record Replace(String path, String search, String replace, String anchor, boolean atEnd) implements Edit {
    /// Checks the fields.
    public Replace {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(search, "search");
      Objects.requireNonNull(replace, "replace");
    }

    /// A plain search/replace.
    public Replace(String path, String search, String replace) {
      this(path, search, replace, null, false);
    }

    @Override
    public String kind() {
      return search.isEmpty() ? "create" : "replace";
    }
  }

  /// The whole new content of a file, created or replaced.
  ///
  /// @param path    the file
  /// @param content its new content
  record Whole(String path, String content) implements Edit {
    /// Checks the fields.
    public Whole {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(content, "content");
    }

    @Override
    public String kind() {
      return "whole";
    }
  }

  /// A new file; it must not exist.
  ///
  /// @param path    the file
  /// @param content its content
  record Create(String path, String content) implements Edit {
    /// Checks the fields.
    public Create {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(content, "content");
    }

    @Override
    public String kind() {
      return "create";
    }
  }

  /// Deletes a file.
  ///
  /// @param path the file
  record Delete(String path) implements Edit {
    /// Checks the fields.
    public Delete {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String kind() {
      return "delete";
    }
  }
}
