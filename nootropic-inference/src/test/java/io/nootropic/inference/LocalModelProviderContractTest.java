package io.nootropic.inference;

import io.nootropic.api.model.ModelProvider;
import io.nootropic.testing.ModelProviderContract;
import io.nootropic.testing.SharedModels;
import java.util.List;

/// The pure-Java engine's provider keeps the model contract on a real model (stories260K).
class LocalModelProviderContractTest extends ModelProviderContract {

  @Override
  protected ModelProvider createProvider() {
    return new LocalModelProvider(List.of(SharedModels.require("stories260K.gguf")));
  }

  @Override
  protected String modelId() {
    return "stories260k";
  }
}
