/// The durable task graph: task specifications and states, the DAG with its critical-path
/// schedule, delta re-planning with JSON Patch, and the critical-path guard rail.
package io.nootropic.runtime.task;
