/// Nootropic's built-in agents.
package io.nootropic.agents;
