package io.nootropic.api.tool;

import java.util.List;
import java.util.Optional;

/// The tools available to one agent call.
public interface Tools {

  /// No tools.
  Tools NONE = new Tools() {
    @Override
    public List<Tool> all() {
      return List.of();
    }
  };

  /// Every tool, in a stable order.
  List<Tool> all();

  /// The tool with the given name, if any.
  default Optional<Tool> find(String name) {
    return all().stream().filter(t -> t.definition().name().equals(name)).findFirst();
  }

  /// The definitions of every tool, for a chat request.
  default List<ToolDefinition> definitions() {
    return all().stream().map(Tool::definition).toList();
  }
}
