/// The LangChain4j bridge: any LangChain4j chat, streaming or embedding model registered as a
/// Nootropic provider ([io.nootropic.langchain4j.LangChain4jModelProvider],
/// [io.nootropic.langchain4j.LangChain4jEmbeddingModel]), and any Nootropic chat model
/// offered to LangChain4j users ([io.nootropic.langchain4j.NootropicLangChain4jModel]).
package io.nootropic.langchain4j;
