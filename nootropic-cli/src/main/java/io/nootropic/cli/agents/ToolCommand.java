package io.nootropic.cli.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.agents.ToolError;
import io.nootropic.agents.command.CommandPolicy;
import io.nootropic.agents.command.CommandRunner;
import io.nootropic.agents.tool.BuiltinTools;
import io.nootropic.agents.tool.ToolEnvironment;
import io.nootropic.agents.workspace.Workspace;
import io.nootropic.agents.workspace.WorkspaceConfig;
import io.nootropic.agents.workspace.WorkspaceException;
import io.nootropic.api.Providers;
import io.nootropic.cli.common.ConsoleHumanInTheLoop;
import io.nootropic.api.agent.HumanInTheLoop;
import io.nootropic.api.retrieval.Retriever;
import io.nootropic.api.retrieval.RetrieverProvider;
import io.nootropic.api.tool.Tool;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `nootropic tool NAME --workspace DIR [--allow PROGRAM]... [--json] 'ARGS_JSON'`: invokes one
/// built-in tool on a folder, under the rules a model gets (the workspace jail, the command
/// allow-list, schema-checked arguments). Exit 0 with the tool's JSON result; 1 when the call is
/// refused (a typed error); 2 for bad usage (an unknown tool, a workspace that is not a folder).
@Command(
    name = "tool",
    mixinStandardHelpOptions = true,
    description = {"Invokes one built-in tool (fs.read, fs.write, fs.list, fs.edit, fs.delete, fs.move, proc.run,"
        + " search.code; or fs_read, ...) with JSON arguments, under the same workspace jail and command rules a model"
        + " gets. Prints the tool's JSON result.",
        "A refused call exits 1; with --json its error is printed as {\"error\":{\"type\":...,\"message\":...}}."
        + " Protected paths and dangerous commands ask for approval on a terminal and are refused otherwise."})
public final class ToolCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The tool: ${COMPLETION-CANDIDATES}.",
      completionCandidates = ToolNames.class)
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "ARGS_JSON", defaultValue = "{}",
      description = "The arguments, a JSON object (default: {}).")
  String arguments;

  @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "The workspace folder.")
  Path workspace;

  @Option(names = "--allow", paramLabel = "PROGRAM", description = "A program proc.run may run (repeatable; none by default).")
  List<String> allow = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "The longest a command may run before its process tree is killed (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--json", description = "Print the result (or the error) as one line of JSON on standard output.")
  boolean json;

  /// The built-in tools' names, for completion and help.
  static final class ToolNames extends ArrayList<String> {
    ToolNames() {
      super(BuiltinTools.names());
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (timeoutSeconds < 1) {
      err.println("error: --timeout must be at least 1 second, was " + timeoutSeconds);
      return 2;
    }
    HumanInTheLoop approver = ConsoleHumanInTheLoop.ifInteractive(err);
    Workspace ws;
    try {
      ws = Workspace.open(workspace, WorkspaceConfig.custom().approver(approver, Duration.ofMinutes(5)).build());
    } catch (WorkspaceException e) {
      err.println("error: --workspace: " + e.getMessage());
      return 2;
    }
    CommandRunner runner;
    try {
      runner = new CommandRunner(ws, CommandPolicy.custom().allow(allow).timeout(Duration.ofSeconds(timeoutSeconds))
          .approver(approver, Duration.ofMinutes(5)).build());
    } catch (IllegalArgumentException e) {
      err.println("error: --allow: " + e.getMessage());
      return 2;
    }
    Retrievers retrievers = new Retrievers(ws.root());
    try (retrievers) {
      BuiltinTools tools = BuiltinTools.create(new ToolEnvironment(ws, runner, retrievers::get));
      Optional<Tool> tool = tools.find(name);
      if (tool.isEmpty()) {
        err.println("error: there is no tool '" + name + "'; the tools are " + String.join(", ", BuiltinTools.names()));
        return 2;
      }
      String result;
      try {
        result = tool.get().invoke(arguments);
      } catch (RuntimeException e) {
        String type = e instanceof ToolError te ? te.type() : "tool-failed";
        if (json) {
          ObjectNode root = JSON.createObjectNode();
          root.putObject("error").put("type", type).put("message", String.valueOf(e.getMessage()));
          out.println(root);
        } else {
          err.println("error: " + type + ": " + e.getMessage());
        }
        return 1;
      }
      out.print(json ? result + "\n" : pretty(result));
      return 0;
    }
  }

  private static String pretty(String result) {
    try {
      JsonNode node = JSON.readTree(result);
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (java.io.IOException e) {
      return result + "\n";
    }
  }

  /// The code retriever search.code uses, opened only if it is called.
  private static final class Retrievers implements AutoCloseable {
    private final Path root;
    private Optional<Retriever> opened;

    Retrievers(Path root) {
      this.root = root;
    }

    synchronized Optional<Retriever> get() {
      if (opened == null) {
        opened = Providers.choose(RetrieverProvider.class, RetrieverProvider::name, "nootropic.retriever")
            .map(p -> p.open(root));
      }
      return opened;
    }

    @Override
    public synchronized void close() {
      if (opened != null) {
        opened.ifPresent(Retriever::close);
      }
    }
  }
}
