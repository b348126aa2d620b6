package io.nootropic.context.archfixture;

/// Fixture: context reaching for LangChain4j's embeddings, which belong in an embedder artifact.
public final class ContextUsingLangChain4j {
  /// Names a LangChain4j type.
  public static Class<?> type() {
    return dev.langchain4j.data.segment.TextSegment.class;
  }
}
