package io.nootropic.agents.coding;

import java.util.List;

/// What the search agent gathered for a prompt, within a token budget.
///
/// @param files      whole files, most relevant first (a model editing a file needs all of it)
/// @param snippets   packed chunks of other relevant code, or `""`
/// @param repoMap    the repository's files and main symbols, or `""`
/// @param episodes   past episodes like this goal, one line each
/// @param contextIds ids of what was included (file paths and retrieved chunk ids), for explanations
/// @param tokens     the approximate tokens all of it occupies
public record CodeContext(List<File> files, String snippets, String repoMap, List<String> episodes,
                          List<String> contextIds, int tokens) {

  /// One whole file.
  ///
  /// @param path    workspace-relative path
  /// @param content its text
  public record File(String path, String content) {}

  /// Copies the lists.
  public CodeContext {
    files = List.copyOf(files);
    episodes = List.copyOf(episodes);
    contextIds = List.copyOf(contextIds);
    snippets = snippets == null ? "" : snippets;
    repoMap = repoMap == null ? "" : repoMap;
  }

  /// The context as prompt text.
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (File f : files) {
      sb.append(f.path()).append("\n```\n").append(f.content());
      if (!f.content().endsWith("\n")) {
        sb.append('\n');
      }
      sb.append("```\n\n");
    }
    if (!snippets.isBlank()) {
      sb.append("Other related code:\n").append(snippets.strip()).append("\n\n");
    }
    if (!repoMap.isBlank()) {
      sb.append("Repository map:\n").append(repoMap.strip()).append("\n\n");
    }
    if (!episodes.isEmpty()) {
      sb.append("Similar past work:\n");
      episodes.forEach(e -> sb.append("- ").append(e).append('\n'));
      sb.append('\n');
    }
    return sb.toString();
  }
}
