package io.nootropic.testing;

import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.testing.ScriptedChatModel.Reply;

/// The kit's scripted model keeps the model contract, so what agent tests learn from it holds for
/// real models.
class ScriptedChatModelContractTest extends ModelProviderContract {

  private ScriptedChatModel model;

  @Override
  protected ModelProvider createProvider() {
    model = ScriptedChatModel.of();
    return model;
  }

  @Override
  protected String modelId() {
    return "scripted";
  }

  @Override
  protected void expect(Expected kind, ChatRequest request) {
    model.then(kind == Expected.TOOL_CALL
        ? Reply.tools(request.tools().getFirst().name(), "{\"path\":\"README.md\"}")
        : Reply.text("Once there was a fox who sang to the moon every night."));
  }
}
