package io.nootropic.example.host;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.agent.*;
import io.nootropic.api.model.*;
import io.nootropic.inference.LocalModelProvider;
import io.nootropic.runtime.registry.*;
import io.nootropic.runtime.routing.*;
import java.nio.file.Path;
import java.util.List;

/// A host embedding Nootropic: discover, register its own agent, query, run; then ask a local
/// GGUF model through the model registry.
public final class HostApp {

  /// The host's own agent: counts the words of a text.
  public static final class WordCounter implements Agent<String, Integer> {
    @Override
    public CapabilityDescriptor describe() {
      return CapabilityDescriptor.builder("host.word-counter", CapabilityKind.AGENT)
          .version("1.0.0").summary("Counts the words in a text.").tags("text", "count")
          .inputSchema("{\"type\":\"string\"}").outputSchema("{\"type\":\"integer\"}").build();
    }

    @Override
    public AgentResponse<Integer> execute(AgentRequest<String> request, AgentContext context) {
      String text = request.input().strip();
      return AgentResponse.of(text.isEmpty() ? 0 : text.split("\\s+").length, "split on whitespace");
    }
  }

  /// Runs the example; with a GGUF file as argument, the pure-Java engine answers too.
  public static void main(String[] args) {
    CapabilityRegistry registry = CapabilityRegistry.discover(); // built-ins and plugins on the path
    registry.register(new WordCounter());                        // plus the host's own agent
    for (CapabilityMatch m : registry.query(RegistryQuery.text("count words").kind(CapabilityKind.AGENT))) {
      System.out.println(m.score() + " " + m.capability().name() + ": " + m.capability().descriptor().summary());
    }
    @SuppressWarnings("unchecked")
    Agent<String, Integer> counter = registry.get("host.word-counter", Agent.class);
    AgentResponse<Integer> words = counter.execute(AgentRequest.of("embed it in your app"), AgentContext.detached("readme"));
    System.out.println(words.output() + " words (" + words.explanation() + ")");

    if (args.length > 0) {                                       // a local model, routed like any other
      try (ModelRegistry models = ModelRegistry.builder()
          .provider(new LocalModelProvider(List.of(Path.of(args[0])))).build()) {
        ChatRequest ask = ChatRequest.of("Once upon a time").withOptions(GenerationOptions.DEFAULTS.withMaxTokens(24));
        ChatResponse answer = models.asChatModel(CallContext.DEFAULT).chat(ask);
        System.out.println(answer.model() + ": " + answer.text().strip());
      }
    }
  }
}
