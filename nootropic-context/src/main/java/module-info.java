/// Hybrid code retrieval (BM25 and vectors with Lucene), code-aware chunking, memory of past work
/// and token-budgeted context packing.
module io.nootropic.context {
  requires transitive io.nootropic.api;
  requires org.apache.lucene.core;
  requires org.slf4j;
  requires com.github.javaparser.core;
  requires langchain4j.core;
  requires langchain4j.embeddings;
  requires langchain4j.embeddings.all.minilm.l6.v2;

  exports io.nootropic.context;
  exports io.nootropic.context.chunk;
  exports io.nootropic.context.walk;
  exports io.nootropic.context.embed;
  exports io.nootropic.context.memory;
  exports io.nootropic.context.eval;

  provides io.nootropic.api.Describable with
      io.nootropic.context.LuceneRetrieverProvider,
      io.nootropic.context.memory.WorkspaceMemoryProvider,
      io.nootropic.context.embed.MiniLmEmbeddingModel;
  provides io.nootropic.api.retrieval.RetrieverProvider with io.nootropic.context.LuceneRetrieverProvider;
  provides io.nootropic.api.memory.MemoryProvider with io.nootropic.context.memory.WorkspaceMemoryProvider;
  provides io.nootropic.api.retrieval.EmbeddingModel with io.nootropic.context.embed.MiniLmEmbeddingModel;
}
