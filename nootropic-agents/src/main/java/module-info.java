/// Nootropic's agents and the ground they stand on: the workspace jail, checkpoints, edit formats,
/// commands, the built-in tools, the tool-calling loop and the agent runtime. They reach models,
/// retrieval and memory only through the api's SPIs.
module io.nootropic.agents {
  requires transitive io.nootropic.api;
  requires transitive io.nootropic.runtime;
  requires org.slf4j;
  requires java.xml;
  requires com.networknt.schema;
  requires com.fasterxml.jackson.databind;

  exports io.nootropic.agents;
  exports io.nootropic.agents.workspace;
  exports io.nootropic.agents.checkpoint;
  exports io.nootropic.agents.edit;
  exports io.nootropic.agents.command;
  exports io.nootropic.agents.tool;
  exports io.nootropic.agents.loop;
  exports io.nootropic.agents.runtime;
  exports io.nootropic.agents.coding;
  exports io.nootropic.agents.model;
  opens io.nootropic.agents.coding to com.fasterxml.jackson.databind;

  uses io.nootropic.agents.edit.EditFormat;

  provides io.nootropic.api.Describable with
      io.nootropic.agents.coding.PlannerAgent,
      io.nootropic.agents.coding.SearchAgent,
      io.nootropic.agents.coding.MemoryAgent,
      io.nootropic.agents.coding.CoderAgent,
      io.nootropic.agents.coding.CriticAgent,
      io.nootropic.agents.coding.ReasoningAgent,
      io.nootropic.agents.coding.ExplainabilityAgent,
      io.nootropic.agents.coding.Deliberation;
}
