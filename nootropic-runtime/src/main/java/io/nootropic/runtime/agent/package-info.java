/// The agent runtime: [io.nootropic.runtime.agent.BaseAgent] gives every agent its descriptor,
/// logger, a tracing span per invocation, cancellation, timeouts and typed events.
package io.nootropic.runtime.agent;
