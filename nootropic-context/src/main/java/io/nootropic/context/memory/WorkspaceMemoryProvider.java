package io.nootropic.context.memory;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.memory.Memory;
import io.nootropic.api.memory.MemoryProvider;
import io.nootropic.context.embed.EmbeddingModels;
import java.nio.file.Path;

/// The `workspace` [MemoryProvider]: opens a [WorkspaceMemory] in `.nootropic-cache/memory`,
/// embedding with the model named by `nootropic.context.embeddings` (default all-MiniLM-L6-v2).
public final class WorkspaceMemoryProvider implements MemoryProvider {

  static final CapabilityDescriptor DESCRIPTOR = CapabilityDescriptor.builder("memory.workspace", CapabilityKind.UTILITY)
      .version("0.1.0")
      .summary("Episodic memory (goal, plan, patch, outcome) with embeddings, persisted in the workspace")
      .tags("memory", "episodes", "retrieval")
      .build();

  /// Creates the provider (cheap).
  public WorkspaceMemoryProvider() { }

  @Override
  public String name() {
    return "workspace";
  }

  @Override
  public Memory open(Path workspace) {
    return WorkspaceMemory.open(WorkspaceMemory.defaultDir(workspace),
        EmbeddingModels.defaultModel());
  }

  @Override
  public CapabilityDescriptor describe() {
    return DESCRIPTOR;
  }
}
