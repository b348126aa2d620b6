/// Durable storage of task-graph state changes: the [io.nootropic.runtime.journal.TaskStore] SPI
/// and its embedded default, an append-only journal in a directory
/// ([io.nootropic.runtime.journal.FileTaskStore]).
package io.nootropic.runtime.journal;
