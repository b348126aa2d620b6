/// Bridges between Nootropic and LangChain4j: any LangChain4j chat or embedding model as a
/// Nootropic provider, and any Nootropic chat model as a LangChain4j model.
module io.nootropic.langchain4j {
  requires transitive io.nootropic.runtime;
  requires transitive langchain4j.core;

  exports io.nootropic.langchain4j;
}
