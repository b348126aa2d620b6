/// Nootropic's runtime: the capability registry, agents' base class, the durable task graph,
/// the event bus, model routing and resilience.
module io.nootropic.runtime {
  requires transitive io.nootropic.api;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires io.opentelemetry.api;

  // exports io.nootropic.runtime;  (added with the first class of the package)

  uses io.nootropic.api.Describable;
  uses io.nootropic.api.model.ModelProvider;
}
