/// The [io.nootropic.runtime.routing.ModelRegistry]: providers with live statistics, routing by a
/// [io.nootropic.runtime.routing.RoutingStrategy], budgets, per-provider resilience and GenAI
/// tracing, put together. It sits above `runtime.model`, `runtime.resilience` and
/// `runtime.telemetry` so that those packages form no cycle.
package io.nootropic.runtime.routing;
