/// Long-term memory of past work: episodes with their embeddings, persisted in the workspace
/// store and recalled by similarity to a new goal.
package io.nootropic.context.memory;
