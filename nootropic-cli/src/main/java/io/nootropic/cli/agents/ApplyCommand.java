package io.nootropic.cli.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.agents.edit.Edit;
import io.nootropic.agents.edit.EditApplier;
import io.nootropic.agents.edit.EditFormat;
import io.nootropic.agents.edit.EditFormats;
import io.nootropic.agents.edit.ParseResult;
import io.nootropic.agents.workspace.Workspace;
import io.nootropic.agents.workspace.WorkspaceConfig;
import io.nootropic.agents.workspace.WorkspaceException;
import io.nootropic.cli.common.CliFiles;
import io.nootropic.cli.common.ConsoleHumanInTheLoop;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic apply --repo DIR --format diff|udiff|whole|patch [--dry-run] [--parse-only] [--json] [FILE|-]`:
/// parses a model's reply and applies its edits to a folder through the workspace jail, all or
/// none. Exit 0 when every edit applied (or was already applied), 1 when the reply is malformed or
/// an edit failed (nothing is then written), 2 for bad usage.
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {"Applies a model's reply (edits in the whole, diff, udiff or patch format) to a folder, all or"
        + " nothing, with the matching cascade of docs/agents.md. Paths outside the folder are refused; protected paths"
        + " (.git, CI files, build wrappers) ask for approval on a terminal and are refused otherwise.",
        "--parse-only prints the parsed edits and never touches the folder; --dry-run matches every edit but writes"
        + " nothing."})
public final class ApplyCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_REPLY_BYTES = 16L << 20;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The folder the edits apply to.")
  Path repo;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "The reply's edit format: whole, diff, udiff, patch (or a plugged-in one).")
  String format;

  @Option(names = "--dry-run", description = "Match every edit and report, but write nothing.")
  boolean dryRun;

  @Option(names = "--parse-only", description = "Only parse the reply and print its edits; the folder is not read.")
  boolean parseOnly;

  @Option(names = "--json", description = "Print JSON on standard output.")
  boolean json;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "-",
      description = "The reply; '-' (the default) reads standard input.")
  String file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EditFormat editFormat;
    try {
      editFormat = EditFormats.forName(format);
    } catch (IllegalArgumentException e) {
      err.println("error: --format: " + e.getMessage());
      return 2;
    }
    String reply;
    try {
      reply = readReply();
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    if (parseOnly) {
      ParseResult parsed = editFormat.parse(reply);
      if (json) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode edits = root.putArray("edits");
        for (Edit e : parsed.edits()) {
          edits.add(editJson(e));
        }
        errorsJson(root.putArray("errors"), parsed.errors());
        out.println(root);
      } else {
        for (Edit e : parsed.edits()) {
          out.println(e.kind() + "\t" + e.path());
        }
        printErrors(err, parsed.errors());
      }
      return parsed.wellFormed() && !parsed.edits().isEmpty() ? 0 : 1;
    }
    Workspace ws;
    try {
      ws = Workspace.open(repo, WorkspaceConfig.custom()
          .approver(ConsoleHumanInTheLoop.ifInteractive(err), Duration.ofMinutes(5)).build());
    } catch (WorkspaceException e) {
      err.println("error: --repo: " + e.getMessage());
      return 2;
    }
    EditApplier.ReplyReport report = EditApplier.applyReply(ws, editFormat, reply, dryRun);
    if (json) {
      ObjectNode root = JSON.createObjectNode();
      ArrayNode results = root.putArray("results");
      for (EditApplier.Result r : report.apply().results()) {
        results.addObject().put("path", r.path()).put("status", r.status()).put("match", r.match())
            .put("message", r.message());
      }
      errorsJson(root.putArray("errors"), report.parse().errors());
      root.put("applied", report.apply().applied());
      root.put("dryRun", dryRun);
      out.println(root);
    } else {
      for (EditApplier.Result r : report.apply().results()) {
        out.println(r.status() + "\t" + r.path() + (r.status().equals("failed") ? "" : "\t(" + r.match() + ")"));
      }
      if (!report.ok()) {
        err.print(report.feedback());
        err.flush();
      } else if (dryRun) {
        err.println("dry run: every edit matches; nothing was written");
      }
    }
    return report.ok() ? 0 : 1;
  }

  private String readReply() throws IOException {
    byte[] bytes;
    String what;
    if (file.equals("-")) {
      bytes = System.in.readNBytes((int) MAX_REPLY_BYTES + 1);
      what = "standard input";
    } else {
      Path p = CliFiles.requireFile(Path.of(file), "FILE");
      if (Files.size(p) > MAX_REPLY_BYTES) {
        throw new IOException("FILE " + p + ": larger than " + (MAX_REPLY_BYTES >> 20) + " MiB; that is not a reply");
      }
      bytes = Files.readAllBytes(p);
      what = "FILE " + p;
    }
    if (bytes.length > MAX_REPLY_BYTES) {
      throw new IOException(what + ": larger than " + (MAX_REPLY_BYTES >> 20) + " MiB; that is not a reply");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException(what + ": not UTF-8 text");
    }
  }

  private static ObjectNode editJson(Edit e) {
    ObjectNode o = JSON.createObjectNode().put("path", e.path()).put("kind", e.kind());
    switch (e) {
      case Edit.Replace r when !r.search().isEmpty() -> o.put("search", r.search()).put("replace", r.replace());
      case Edit.Replace r -> o.putNull("search").put("replace", r.replace());
      case Edit.Whole w -> o.putNull("search").put("replace", w.content());
      case Edit.Create c -> o.putNull("search").put("replace", c.content());
      case Edit.Delete d -> o.putNull("search").putNull("replace");
    }
    return o;
  }

  private static void errorsJson(ArrayNode array, List<ParseResult.ParseError> errors) {
    for (ParseResult.ParseError e : errors) {
      array.addObject().put("block", e.block()).put("line", e.line()).put("message", e.message());
    }
  }

  private static void printErrors(PrintWriter err, List<ParseResult.ParseError> errors) {
    for (ParseResult.ParseError e : errors) {
      err.println("error: " + (e.block() > 0 ? "block " + e.block() + ", " : "") + "line " + e.line() + ": " + e.message());
    }
    err.flush();
  }
}
