package io.nootropic.agents.edit;

import io.nootropic.agents.workspace.Workspace;
import io.nootropic.agents.workspace.WorkspaceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/// Applies a reply's edits to a [Workspace], all of them or none.
///
/// Every edit is first applied in memory, in order (several edits of one file see each other's
/// results), matching SEARCH lines with [Matcher]'s cascade. If any edit fails, nothing is
/// written and every result says why; otherwise each changed file is written through the
/// workspace (atomically, keeping its permissions), and if a write is refused (a protected path
/// nobody approved), the files already written are put back. An edit whose SEARCH is not there
/// but whose REPLACE already is counts as already applied, not as a failure.
public final class EditApplier {

  /// What happened to one edit.
  ///
  /// @param index   the edit's position in the reply, from 1
  /// @param path    the file
  /// @param status  `applied`, `already-applied` or `failed`
  /// @param match   how it was found: `exact`, `trailing-whitespace`, `indentation`,
  ///                `unicode-punctuation`, `elision`, or `created`, `appended`, `whole`,
  ///                `deleted`; `none` when it failed
  /// @param message for a failure, why, and the closest lines of the file, written for the model
  public record Result(int index, String path, String status, String match, String message) {

    /// Whether the edit changed the file or was already in it.
    public boolean ok() {
      return !status.equals("failed");
    }
  }

  /// All edits' results.
  ///
  /// @param results one per edit, in order
  /// @param applied whether the files were written (false for a dry run or when an edit failed)
  public record Report(List<Result> results, boolean applied) {

    /// Copies the list.
    public Report {
      results = List.copyOf(results);
    }

    /// Whether every edit applied or was already applied.
    public boolean ok() {
      return results.stream().allMatch(Result::ok);
    }

    /// What to tell the model when something failed: which blocks, why, the closest lines, and
    /// that nothing was changed.
    public String feedback() {
      if (ok()) {
        return results.isEmpty() ? "There were no edits in the reply." : "All " + results.size() + " edits applied.";
      }
      List<Result> failed = results.stream().filter(r -> !r.ok()).toList();
      StringBuilder sb = new StringBuilder();
      sb.append(failed.size()).append(failed.size() == 1 ? " edit" : " edits").append(" of ").append(results.size())
          .append(" failed, so no file was changed.\n");
      for (Result r : failed) {
        sb.append("\n## Edit ").append(r.index()).append(" (").append(r.path()).append(")\n").append(r.message()).append('\n');
      }
      if (failed.size() < results.size()) {
        sb.append("\nThe other edits matched. Send all of the edits again, with the failed ones fixed.\n");
      } else {
        sb.append("\nSend the edits again, fixed.\n");
      }
      return sb.toString();
    }
  }

  /// What came of a whole reply: how it parsed and how its edits applied.
  ///
  /// @param parse the parse result
  /// @param apply the edits' results (none applied when the reply did not parse completely)
  public record ReplyReport(ParseResult parse, Report apply) {

    /// Whether the reply parsed completely and every edit applied or was already applied.
    public boolean ok() {
      return parse.wellFormed() && !parse.edits().isEmpty() && apply.ok();
    }

    /// What to tell the model: the parse errors, or the failed edits, or that all went well.
    public String feedback() {
      if (parse.edits().isEmpty() && parse.errors().isEmpty()) {
        return "The reply held no edits. Write the changes in the format asked for.";
      }
      if (!parse.wellFormed()) {
        StringBuilder sb = new StringBuilder("The reply could not be read completely, so no file was changed:\n");
        for (ParseResult.ParseError e : parse.errors()) {
          sb.append("- ").append(e.block() > 0 ? "block " + e.block() + ", " : "").append("line ").append(e.line())
              .append(": ").append(e.message()).append('\n');
        }
        return sb.append("Send all of the edits again, in the format asked for.\n").toString();
      }
      return apply.feedback();
    }
  }

  private EditApplier() {}

  /// Parses `reply` in `format` and applies its edits, all or none: a reply that does not parse
  /// completely (a block cut short, a missing file name) changes nothing.
  public static ReplyReport applyReply(Workspace workspace, EditFormat format, String reply, boolean dryRun) {
    ParseResult parsed = format.parse(reply);
    Report report = parsed.wellFormed() ? apply(workspace, parsed.edits(), dryRun) : new Report(List.of(), false);
    return new ReplyReport(parsed, report);
  }

  /// Applies `edits` to `workspace`, or only checks them when `dryRun`.
  public static Report apply(Workspace workspace, List<Edit> edits, boolean dryRun) {
    Objects.requireNonNull(workspace, "workspace");
    Map<String, FileState> files = new LinkedHashMap<>();
    List<Result> results = new ArrayList<>();
    int index = 0;
    for (Edit e : edits) {
      index++;
      String path;
      try {
        path = workspace.normalize(e.path());
        if (path.isEmpty()) {
          throw new WorkspaceException(WorkspaceException.Kind.WRONG_TYPE, e.path(), "an edit needs a file path, not the root");
        }
        FileState f = files.computeIfAbsent(path, p -> FileState.read(workspace, p));
        results.add(applyOne(index, e, f));
      } catch (WorkspaceException ex) {
        results.add(new Result(index, e.path(), "failed", "none", ex.getMessage()));
      }
    }
    boolean allOk = results.stream().allMatch(Result::ok);
    if (!allOk || dryRun) {
      return new Report(results, false);
    }
    List<FileState> written = new ArrayList<>();
    try {
      for (FileState f : files.values()) {
        if (f.changed()) {
          f.write(workspace);
          written.add(f);
        }
      }
    } catch (WorkspaceException ex) {
      for (FileState f : written.reversed()) {
        f.restore(workspace);
      }
      List<Result> failed = new ArrayList<>();
      for (Result r : results) {
        failed.add(r.path().equals(ex.path()) || workspace.normalize(r.path()).equals(ex.path())
            ? new Result(r.index(), r.path(), "failed", r.match(), ex.getMessage())
            : new Result(r.index(), r.path(), "failed", r.match(), "not written: the write of " + ex.path()
                + " was refused, so no file was changed"));
      }
      return new Report(failed, false);
    }
    return new Report(results, true);
  }

  private static Result applyOne(int index, Edit e, FileState f) {
    String path = e.path();
    return switch (e) {
      case Edit.Delete d -> {
        if (f.content == null) {
          yield new Result(index, path, "failed", "none", "'" + path + "' does not exist, so it cannot be deleted");
        }
        f.content = null;
        yield new Result(index, path, "applied", "deleted", "");
      }
      case Edit.Create c -> {
        if (f.content != null) {
          if (f.content.equals(c.content())) {
            yield new Result(index, path, "already-applied", "created", "");
          }
          yield new Result(index, path, "failed", "none", "'" + path + "' exists already; to change it, edit it instead"
              + " of creating it");
        }
        f.content = c.content();
        yield new Result(index, path, "applied", "created", "");
      }
      case Edit.Whole w -> {
        if (w.content().equals(f.content)) {
          yield new Result(index, path, "already-applied", "whole", "");
        }
        f.content = w.content();
        yield new Result(index, path, "applied", "whole", "");
      }
      case Edit.Replace r -> replace(index, r, f);
    };
  }

  private static Result replace(int index, Edit.Replace r, FileState f) {
    String path = r.path();
    if (r.search().isEmpty()) {
      if (f.content == null) {
        f.content = r.replace();
        return new Result(index, path, "applied", "created", "");
      }
      if (f.content.endsWith(r.replace()) && !r.replace().isEmpty()) {
        return new Result(index, path, "already-applied", "appended", "");
      }
      f.content = f.content + (f.content.isEmpty() || f.content.endsWith("\n") ? "" : "\n") + r.replace();
      return new Result(index, path, "applied", "appended", "");
    }
    if (f.content == null) {
      return new Result(index, path, "failed", "none", "'" + path + "' does not exist; to create it, leave SEARCH"
          + " empty (or use a whole-file block)");
    }
    List<String> file = lines(f.content);
    List<String> search = lines(r.search());
    List<String> replace = lines(r.replace());
    Matcher.Outcome outcome = Matcher.find(file, search, replace, 0, r.anchor(), r.atEnd());
    switch (outcome) {
      case Matcher.Found found -> {
        List<String> out = new ArrayList<>(file);
        for (Matcher.Span s : found.spans().reversed()) {
          out.subList(s.start(), s.end()).clear();
          out.addAll(s.start(), s.replacement());
        }
        f.content = join(out, f.finalNewline);
        return new Result(index, path, "applied", found.level().externalName(), "");
      }
      case Matcher.Ambiguous a -> {
        StringBuilder lines = new StringBuilder();
        for (int s : a.starts().subList(0, Math.min(5, a.starts().size()))) {
          lines.append(lines.isEmpty() ? "" : ", ").append(s + 1);
        }
        return new Result(index, path, "failed", "none", "the SEARCH lines match " + a.starts().size() + " places in "
            + path + " (" + a.level().externalName() + " match, starting at lines " + lines + "); an edit must match one"
            + " place only: add unchanged lines around it until it is unique");
      }
      case Matcher.NotFound nf -> {
        if (!replace.isEmpty() && Matcher.find(file, replace, replace, 0, null, false) instanceof Matcher.Found) {
          return new Result(index, path, "already-applied", "none", "");
        }
        return new Result(index, path, "failed", "none", notFoundMessage(path, file, search, nf.why()));
      }
    }
  }

  private static String notFoundMessage(String path, List<String> file, List<String> search, String why) {
    StringBuilder sb = new StringBuilder();
    sb.append("the SEARCH lines are not in ").append(path).append(why == null ? "" : " (" + why + ")")
        .append(". SEARCH must copy a run of existing lines exactly, with their whitespace, comments and indentation.");
    int[] best = Matcher.closest(file, search);
    if (best[1] >= 50) {
      int from = Math.max(0, best[0] - 2);
      int to = Math.min(file.size(), best[0] + search.size() + 2);
      sb.append("\nDid you mean these lines (").append(from + 1).append('-').append(to).append(" of ").append(path)
          .append(")?\n```\n");
      for (int i = from; i < to; i++) {
        sb.append(file.get(i)).append('\n');
      }
      sb.append("```");
    }
    return sb.toString();
  }

  /// A file's lines without their `\n` (a final newline gives no empty last line).
  static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return new ArrayList<>(List.of(body.split("\n", -1)));
  }

  private static String join(List<String> lines, boolean finalNewline) {
    if (lines.isEmpty()) {
      return "";
    }
    String s = String.join("\n", lines);
    return finalNewline ? s + "\n" : s;
  }

  /// One file as the edits see it: its content (`null` when absent), in memory, with `\n` lines.
  private static final class FileState {
    final String path;
    final String original;
    final boolean crlf;
    String content;
    boolean finalNewline;

    private FileState(String path, String original, boolean crlf) {
      this.path = path;
      this.original = original;
      this.crlf = crlf;
      this.content = original == null ? null : original.replace("\r\n", "\n");
      this.finalNewline = original == null || original.isEmpty() || original.endsWith("\n");
    }

    static FileState read(Workspace ws, String path) {
      if (!ws.exists(path)) {
        return new FileState(path, null, false);
      }
      String text = ws.readString(path);
      return new FileState(path, text, text.contains("\r\n"));
    }

    boolean changed() {
      String out = content == null ? null : crlf ? content.replace("\n", "\r\n") : content;
      return !Objects.equals(out, original);
    }

    void write(Workspace ws) {
      if (content == null) {
        ws.delete(path);
      } else {
        ws.writeString(path, crlf ? content.replace("\n", "\r\n") : content);
      }
    }

    void restore(Workspace ws) {
      try {
        if (original == null) {
          if (ws.exists(path)) {
            ws.delete(path);
          }
        } else {
          ws.writeString(path, original);
        }
      } catch (WorkspaceException ignored) {
        // best effort: the checkpoint of the run can still undo it
      }
    }
  }
}
