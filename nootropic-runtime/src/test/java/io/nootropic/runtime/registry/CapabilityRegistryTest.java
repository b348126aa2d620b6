package io.nootropic.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.Describable;
import io.nootropic.api.Stability;
import io.nootropic.api.agent.Agent;
import io.nootropic.api.agent.AgentContext;
import io.nootropic.api.agent.AgentRequest;
import io.nootropic.api.agent.AgentResponse;
import io.nootropic.api.tool.Tool;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityRegistryTest {

  /// A describable with a fixed descriptor.
  record Fixed(CapabilityDescriptor descriptor) implements Describable {
    @Override
    public CapabilityDescriptor describe() {
      return descriptor;
    }
  }

  /// A tiny agent that upper-cases its input.
  static final class Shout implements Agent<String, String> {
    @Override
    public CapabilityDescriptor describe() {
      return CapabilityDescriptor.builder("test.shout", CapabilityKind.AGENT).version("1.0.0")
          .summary("Upper-cases text.").inputSchema("{\"type\":\"string\"}").outputSchema("{\"type\":\"string\"}")
          .tags("text").stability(Stability.STABLE).build();
    }

    @Override
    public AgentResponse<String> execute(AgentRequest<String> request, AgentContext context) {
      return AgentResponse.of(request.input().toUpperCase(java.util.Locale.ROOT), "upper-cased");
    }
  }

  static Fixed fixed(String name, CapabilityKind kind, String summary, String... tags) {
    return new Fixed(CapabilityDescriptor.builder(name, kind).version("1.0.0").summary(summary).tags(tags).build());
  }

  @Test
  void registeredCapabilitiesAreListedByNameAndUsableThroughTheirContract() {
    CapabilityRegistry registry = CapabilityRegistry.create();
    registry.register(fixed("zeta", CapabilityKind.UTILITY, "Last."));
    Capability shout = registry.register(new Shout());
    registry.register(fixed("alpha", CapabilityKind.TOOL, "First."));

    assertThat(registry.names()).containsExactly("alpha", "test.shout", "zeta");
    assertThat(shout.origin()).isEqualTo(CapabilityOrigin.HOST);
    assertThat(shout.provider()).isEqualTo(Shout.class.getName());

    @SuppressWarnings("unchecked")
    Agent<String, String> agent = registry.get("test.shout", Agent.class);
    assertThat(agent.execute(AgentRequest.of("hi"), null).output()).isEqualTo("HI");
  }

  @Test
  void invalidDescriptorsAreRefusedNamingTheProviderAndEveryProblem() {
    CapabilityRegistry registry = CapabilityRegistry.create();
    Fixed bad = new Fixed(CapabilityDescriptor.builder("No Good", CapabilityKind.AGENT).version("one")
        .summary("x").outputSchema("{\"type\":").build());

    assertThatThrownBy(() -> registry.register(bad))
        .isInstanceOfSatisfying(InvalidCapabilityException.class, e -> {
          assertThat(e.provider()).isEqualTo(Fixed.class.getName());
          assertThat(e.problems()).hasSize(3);
          assertThat(e.getMessage()).contains(Fixed.class.getName(), "name 'No Good'", "version 'one'", "outputSchema is not valid JSON");
        });
    assertThat(registry.size()).isZero();
  }

  @Test
  void aDescribeThatThrowsOrReturnsNullIsRefused() {
    CapabilityRegistry registry = CapabilityRegistry.create();
    Describable throwing = () -> {
      throw new IllegalStateException("no");
    };
    assertThatThrownBy(() -> registry.register(throwing)).isInstanceOf(InvalidCapabilityException.class).hasMessageContaining("describe() threw");
    assertThatThrownBy(() -> registry.register(() -> null)).isInstanceOf(InvalidCapabilityException.class).hasMessageContaining("returned null");
  }

  @Test
  void duplicatesAreRefusedAndTheFirstStays() {
    CapabilityRegistry registry = CapabilityRegistry.create();
    registry.register(fixed("dup", CapabilityKind.UTILITY, "First."));
    Shout other = new Shout();
    registry.register(other);

    assertThatThrownBy(() -> registry.register(fixed("dup", CapabilityKind.UTILITY, "Second.")))
        .isInstanceOfSatisfying(DuplicateCapabilityException.class, e -> {
          assertThat(e.name()).isEqualTo("dup");
          assertThat(e.existingProvider()).isEqualTo(Fixed.class.getName());
        });
    assertThatThrownBy(() -> registry.register(new Shout())).isInstanceOf(DuplicateCapabilityException.class);
    assertThat(registry.get("dup").descriptor().summary()).isEqualTo("First.");
    assertThat(registry.get("test.shout").instance()).containsSame(other);
  }

  @Test
  void unknownNamesGiveATypedErrorWithSuggestions() {
    CapabilityRegistry registry = CapabilityRegistry.create();
    registry.register(fixed("planner", CapabilityKind.AGENT, "Plans."));
    registry.register(fixed("coder", CapabilityKind.AGENT, "Codes."));

    assertThat(registry.find("planer")).isEmpty();
    assertThatThrownBy(() -> registry.get("planer"))
        .isInstanceOfSatisfying(CapabilityNotFoundException.class, e -> assertThat(e.name()).isEqualTo("planer"))
        .hasMessage("unknown capability 'planer'; did you mean planner?");
    assertThatThrownBy(() -> registry.get("zzzzzzzz")).hasMessage("unknown capability 'zzzzzzzz'");
  }

  @Test
  void askingForTheWrongContractGivesATypedError() {
    CapabilityRegistry registry = CapabilityRegistry.create();
    registry.register(new Shout());
    assertThatThrownBy(() -> registry.get("test.shout", Tool.class))
        .isInstanceOf(CapabilityTypeException.class)
        .hasMessageContaining("is a agent, not a io.nootropic.api.tool.Tool");
  }

  @Test
  void queriesRankByKeywordAndFilterByTagAndKind() {
    CapabilityRegistry registry = CapabilityRegistry.create();
    registry.register(fixed("planner", CapabilityKind.AGENT, "Breaks a goal into a task graph.", "planning", "tasks"));
    registry.register(fixed("task.store", CapabilityKind.UTILITY, "Stores tasks durably.", "tasks"));
    registry.register(fixed("coder", CapabilityKind.AGENT, "Writes code for a task.", "code"));
    registry.register(fixed("explain", CapabilityKind.AGENT, "Explains plans to people.", "planning"));

    List<CapabilityMatch> plan = registry.query(RegistryQuery.text("planner"));
    assertThat(plan).extracting(m -> m.capability().name()).first().isEqualTo("planner");
    assertThat(plan.getFirst().reasons()).contains("exact name");

    // "task": name word of task.store (40) + tag prefix of tasks (10) + summary prefix (5) beats
    // planner (tag prefix 10 + summary word 'task' 10) and coder (summary word 10)
    List<CapabilityMatch> task = registry.query(RegistryQuery.text("task"));
    assertThat(task).extracting(m -> m.capability().name()).containsExactly("task.store", "planner", "coder");
    assertThat(task).extracting(CapabilityMatch::score).isSortedAccordingTo((a, b) -> b - a);

    assertThat(registry.query(RegistryQuery.all().tag("planning")))
        .extracting(m -> m.capability().name()).containsExactly("explain", "planner");
    assertThat(registry.query(RegistryQuery.text("task").kind(CapabilityKind.AGENT)))
        .extracting(m -> m.capability().name()).containsExactly("planner", "coder");
    assertThat(registry.query(RegistryQuery.all().kind(CapabilityKind.UTILITY).tag("tasks")))
        .extracting(m -> m.capability().name()).containsExactly("task.store");
    assertThat(registry.query(RegistryQuery.text("task").limit(1))).hasSize(1);
    assertThat(registry.query(RegistryQuery.text("unrelated"))).isEmpty();
  }

  @Test
  void equalScoresAreOrderedByNameWhateverTheRegistrationOrder() {
    CapabilityRegistry a = CapabilityRegistry.create();
    CapabilityRegistry b = CapabilityRegistry.create();
    List<Fixed> all = List.of(
        fixed("c-echo", CapabilityKind.TOOL, "Echo."), fixed("a-echo", CapabilityKind.TOOL, "Echo."),
        fixed("b-echo", CapabilityKind.TOOL, "Echo."));
    all.forEach(a::register);
    all.reversed().forEach(b::register);

    List<String> ra = a.query(RegistryQuery.text("echo")).stream().map(m -> m.capability().name()).toList();
    List<String> rb = b.query(RegistryQuery.text("echo")).stream().map(m -> m.capability().name()).toList();
    assertThat(ra).containsExactly("a-echo", "b-echo", "c-echo").isEqualTo(rb);
  }

  @Test
  void queryArgumentsAreChecked() {
    assertThatThrownBy(() -> RegistryQuery.all().limit(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(RegistryQuery.text("  Hi ").tag(" Code ").tags()).containsExactly("code");
  }
}
