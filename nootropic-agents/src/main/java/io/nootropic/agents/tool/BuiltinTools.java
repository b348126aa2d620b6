package io.nootropic.agents.tool;

import io.nootropic.api.tool.Tool;
import io.nootropic.api.tool.Tools;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/// The built-in tools, bound to one run's [ToolEnvironment]: `fs.read`, `fs.write`, `fs.list`,
/// `fs.edit`, `fs.delete`, `fs.move`, `proc.run` and `search.code`. Each is a [Tool] with a JSON
/// Schema that its arguments are validated against before it runs; models call them by their
/// function names (`fs_read`, ...).
public final class BuiltinTools implements Tools {

  private final List<Tool> tools;

  private BuiltinTools(List<Tool> tools) {
    this.tools = List.copyOf(tools);
  }

  /// Every built-in tool, bound to `env`.
  public static BuiltinTools create(ToolEnvironment env) {
    return new BuiltinTools(List.of(new FsReadTool(env), new FsWriteTool(env), new FsListTool(env), new FsEditTool(env),
        new FsDeleteTool(env), new FsMoveTool(env), new ProcRunTool(env), new SearchCodeTool(env)));
  }

  /// The names of the built-in tools, e.g. `fs.read`.
  public static List<String> names() {
    return List.of("fs.read", "fs.write", "fs.list", "fs.edit", "fs.delete", "fs.move", "proc.run", "search.code");
  }

  @Override
  public List<Tool> all() {
    return tools;
  }

  /// The tool named `name`: its capability name (`fs.read`) or its function name (`fs_read`).
  @Override
  public Optional<Tool> find(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    return tools.stream().filter(t -> t.describe().name().equals(n) || t.definition().name().equals(n)).findFirst();
  }
}
