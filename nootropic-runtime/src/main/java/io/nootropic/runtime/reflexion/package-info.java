/// The Reflexion state machine: each agent step's attempts, observations and outcomes become
/// state-transition events on the bus and in the run's journal, and failures are repaired by a
/// declarative, validated and bounded [io.nootropic.runtime.reflexion.RepairPolicy] (retry with
/// revised parameters or prompt, roll back to the last good checkpoint, switch model, or escalate
/// to a human).
package io.nootropic.runtime.reflexion;
