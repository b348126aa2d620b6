package io.nootropic.agents.tool;

import io.nootropic.agents.command.CommandRunner;
import io.nootropic.agents.workspace.Workspace;
import io.nootropic.api.retrieval.Retriever;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/// What the built-in tools work on: the workspace jail, the command runner, and code retrieval
/// when there is a retriever (opened on first use).
///
/// @param workspace the workspace
/// @param commands  runs `proc.run` commands
/// @param retriever the retriever `search.code` asks, if any
public record ToolEnvironment(Workspace workspace, CommandRunner commands, Supplier<Optional<Retriever>> retriever) {

  /// Checks the fields.
  public ToolEnvironment {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(retriever, "retriever");
  }
}
