/// The all-MiniLM-L6-v2 sentence embedder (384 dimensions), run in process through LangChain4j's
/// ONNX module. With this module on the path, `nootropic-context` indexes dense vectors next to
/// BM25; without it, retrieval is BM25 only.
module io.nootropic.embeddings.minilm {
  requires transitive io.nootropic.api;
  requires langchain4j.core;
  requires langchain4j.embeddings;
  requires langchain4j.embeddings.all.minilm.l6.v2;

  exports io.nootropic.embeddings.minilm;

  provides io.nootropic.api.retrieval.EmbeddingModel with io.nootropic.embeddings.minilm.MiniLmEmbeddingModel;
  provides io.nootropic.api.Describable with io.nootropic.embeddings.minilm.MiniLmEmbeddingModel;
}
