/// Nootropic's public contracts: capability descriptors, the agent contract, the model,
/// tool, memory, retrieval and event SPIs, and the task-graph value types.
///
/// Depends on nothing but `java.base`; every other Nootropic module builds on it.
module io.nootropic.api {
  exports io.nootropic.api;
  exports io.nootropic.api.agent;
  exports io.nootropic.api.event;
  exports io.nootropic.api.memory;
  exports io.nootropic.api.model;
  exports io.nootropic.api.retrieval;
  exports io.nootropic.api.task;
  exports io.nootropic.api.tool;

  uses io.nootropic.api.Describable;
  uses io.nootropic.api.model.ModelProvider;
  uses io.nootropic.api.retrieval.EmbeddingModel;
  uses io.nootropic.api.retrieval.RetrieverProvider;
  uses io.nootropic.api.memory.MemoryProvider;
}
