/// Nootropic's runtime: the capability registry, agents' base class, the durable task graph,
/// the event bus, model routing and resilience.
@SuppressWarnings("module") // the CLI, the target of a qualified export, is built after this module
module io.nootropic.runtime {
  requires transitive io.nootropic.api;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive org.slf4j;
  requires transitive io.opentelemetry.api;
  requires transitive io.opentelemetry.context;
  requires transitive io.github.resilience4j.core;
  requires transitive io.github.resilience4j.retry;
  requires transitive io.github.resilience4j.circuitbreaker;
  requires transitive io.github.resilience4j.bulkhead;
  requires transitive io.github.resilience4j.ratelimiter;
  requires transitive io.github.resilience4j.timelimiter;
  // optional: repair policies written in YAML need jackson-dataformat-yaml on the path; JSON needs nothing
  requires static com.fasterxml.jackson.dataformat.yaml;

  // exports io.nootropic.runtime;  (added with the first class of the package)
  exports io.nootropic.runtime.agent;
  exports io.nootropic.runtime.event;
  exports io.nootropic.runtime.journal;
  exports io.nootropic.runtime.executor;
  exports io.nootropic.runtime.task;
  exports io.nootropic.runtime.registry;
  exports io.nootropic.runtime.routing;
  exports io.nootropic.runtime.reflexion;
  // benchmark harnesses: tooling for the CLI, not API
  exports io.nootropic.runtime.tooling to io.nootropic.cli;

  uses io.nootropic.api.Describable;
  uses io.nootropic.api.model.ModelProvider;
}
