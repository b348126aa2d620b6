package io.nootropic.example.hello;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.Stability;
import io.nootropic.api.agent.Agent;
import io.nootropic.api.agent.AgentContext;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;

/// An agent contributed by a plugin jar: greets whoever it is given.
///
/// It shows the whole plugin contract: a public no-arg constructor that does no work, a
/// `describe()` with a valid descriptor and JSON Schemas, and registration through both
/// `META-INF/services/io.nootropic.api.Describable` (class path) and `provides` in
/// `module-info.java` (module path).
public final class HelloAgent implements Agent<String, String> {

  /// The capability name.
  public static final String NAME = "plugin-hello.greeter";

  private static final CapabilityDescriptor DESCRIPTOR = CapabilityDescriptor.builder(NAME, CapabilityKind.AGENT)
      .version("1.0.0")
      .summary("Greets a name: the example plugin agent.")
      .description("""
          Contributed by the `examples/plugin-hello` jar to show how a plugin adds an agent:
          a `META-INF/services/io.nootropic.api.Describable` entry for the class path and a
          `provides` clause for the module path. Given `Ada` it answers `Hello, Ada!`; given
          nothing or blanks it answers `Hello, world!`.""")
      .inputSchema("{\"type\":\"string\",\"description\":\"who to greet\"}")
      .outputSchema("{\"type\":\"string\"}")
      .tags("example", "plugin", "greeting")
      .stability(Stability.STABLE)
      .build();

  /// Creates the agent; no work happens here.
  public HelloAgent() {}

  @Override
  public CapabilityDescriptor describe() {
    return DESCRIPTOR;
  }

  /// Greets `request.input()`; the context is not needed.
  @Override
  public AgentResponse<String> execute(AgentRequest<String> request, AgentContext context) {
    String who = request.input() == null || request.input().isBlank() ? "world" : request.input().strip();
    return AgentResponse.of("Hello, " + who + "!", "greeted '" + who + "' without calling a model");
  }
}
