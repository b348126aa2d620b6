/// Hybrid code retrieval (BM25, plus vectors when an embedder is on the path) with Lucene,
/// code-aware chunking, memory of past work and token-budgeted context packing.
@SuppressWarnings("module") // the CLI, the target of a qualified export, is built after this module
module io.nootropic.context {
  requires transitive io.nootropic.api;
  requires org.apache.lucene.core;
  requires org.slf4j;
  requires com.github.javaparser.core;

  exports io.nootropic.context;
  exports io.nootropic.context.chunk;
  exports io.nootropic.context.walk;
  exports io.nootropic.context.embed;
  exports io.nootropic.context.memory;
  // retrieval evaluation and benchmarks: tooling for the CLI, not API
  exports io.nootropic.context.eval to io.nootropic.cli;

  uses io.nootropic.api.retrieval.EmbeddingModel;

  provides io.nootropic.api.Describable with
      io.nootropic.context.LuceneRetrieverProvider,
      io.nootropic.context.memory.WorkspaceMemoryProvider;
  provides io.nootropic.api.retrieval.RetrieverProvider with io.nootropic.context.LuceneRetrieverProvider;
  provides io.nootropic.api.memory.MemoryProvider with io.nootropic.context.memory.WorkspaceMemoryProvider;
}
