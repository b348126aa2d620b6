/// Nootropic's runtime: the capability registry, agents' base class, the durable task graph,
/// the event bus, model routing and resilience.
module io.nootropic.runtime {
  requires transitive io.nootropic.api;
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires io.opentelemetry.api;
  requires io.github.resilience4j.retry;
  requires io.github.resilience4j.core;
  requires io.opentelemetry.context;

  // exports io.nootropic.runtime;  (added with the first class of the package)

  exports io.nootropic.runtime.event;
  exports io.nootropic.runtime.journal;
  uses io.nootropic.api.Describable;
  uses io.nootropic.api.model.ModelProvider;
}
