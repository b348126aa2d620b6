package io.nootropic.api.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.model.ChatRequest;
import io.nootropic.api.model.ModelException;
import org.junit.jupiter.api.Test;

class AgentContextTest {

  @Test
  void detachedContextHasNoOpServicesAndRefusesModelCallsWithATypedError() {
    AgentContext context = AgentContext.detached("run-7");

    assertThat(context.runId()).isEqualTo("run-7");
    assertThat(context.tools().all()).isEmpty();
    assertThat(context.memory().recall("anything", 3)).isEmpty();
    assertThat(context.cancellation().isCancelled()).isFalse();
    assertThatThrownBy(() -> context.model().chat(ChatRequest.of("hi")))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("run-7")
        .hasMessageContaining("no model is configured");
  }
}
