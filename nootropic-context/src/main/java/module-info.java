/// Hybrid code retrieval (BM25 and vectors with Lucene), code-aware chunking, memory of past work
/// and token-budgeted context packing.
module io.nootropic.context {
  requires transitive io.nootropic.api;
  requires org.apache.lucene.core;
  requires org.slf4j;

  // exports io.nootropic.context;  (added with the first class of the package)
}
