package io.nootropic.testing;

import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.runtime.fake.FakeProvider;
import java.time.Duration;

/// The runtime tests' scripted provider keeps the model contract too, so what the routing tests
/// learn from it holds for real providers.
class FakeProviderContractTest extends ModelProviderContract {

  private FakeProvider fake;

  @Override
  protected ModelProvider createProvider() {
    fake = new FakeProvider("fake").model("scripted", true, 0, 0, false, Duration.ZERO);
    return fake;
  }

  @Override
  protected String modelId() {
    return "scripted";
  }

  @Override
  protected void expect(Expected kind, ChatRequest request) {
    fake.script("scripted", FakeProvider.slow(Duration.ZERO, Duration.ofMillis(5),
        "Once", " there", " was", " a", " fox", " who", " sang", "."));
  }
}
