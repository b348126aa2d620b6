/// Hybrid code retrieval over one Lucene index per workspace: [io.nootropic.context.CodeIndex]
/// indexes incrementally, [io.nootropic.context.IndexSnapshot] searches (BM25, dense, hybrid),
/// packs context within a token budget and renders a repository map.
package io.nootropic.context;
