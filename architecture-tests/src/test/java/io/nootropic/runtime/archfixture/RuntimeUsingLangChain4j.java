package io.nootropic.runtime.archfixture;

/// Fixture: the runtime reaching for LangChain4j, which belongs in nootropic-langchain4j.
public final class RuntimeUsingLangChain4j {
  /// Names a LangChain4j type.
  public static Class<?> type() {
    return dev.langchain4j.model.chat.ChatModel.class;
  }
}
