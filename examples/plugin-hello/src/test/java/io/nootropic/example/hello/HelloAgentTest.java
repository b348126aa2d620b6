package io.nootropic.example.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.api.CapabilityKind;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.runtime.registry.Capability;
import io.nootropic.runtime.registry.CapabilityRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HelloAgentTest {

  @Test
  void greetsTheGivenNameOrTheWorld() {
    HelloAgent agent = new HelloAgent();
    assertThat(agent.execute(AgentRequest.of("Ada"), null).output()).isEqualTo("Hello, Ada!");
    assertThat(agent.execute(AgentRequest.of("  Ada "), null).output()).isEqualTo("Hello, Ada!");
    assertThat(agent.execute(AgentRequest.of("  "), null).output()).isEqualTo("Hello, world!");
    assertThat(agent.execute(AgentRequest.of(null), null).output()).isEqualTo("Hello, world!");
  }

  @Test
  void itsDescriptorPassesTheRegistryValidation() {
    Capability c = CapabilityRegistry.create().register(new HelloAgent());
    assertThat(c.name()).isEqualTo("plugin-hello.greeter");
    assertThat(c.descriptor().kind()).isEqualTo(CapabilityKind.AGENT);
  }

  @Test
  void theServiceFileNamesTheAgent() throws IOException {
    try (InputStream in = HelloAgent.class.getResourceAsStream("/META-INF/services/io.nootropic.api.Describable")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo(HelloAgent.class.getName());
    }
  }

  @Test
  void theModuleDescriptorProvidesTheAgent() throws Exception {
    Path location = Path.of(HelloAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor md = ModuleFinder.of(location).findAll().iterator().next().descriptor();
    assertThat(md.name()).isEqualTo("io.nootropic.example.hello");
    assertThat(md.provides()).anySatisfy(p -> {
      assertThat(p.service()).isEqualTo("io.nootropic.api.Describable");
      assertThat(p.providers()).containsExactly(HelloAgent.class.getName());
    });
  }
}
