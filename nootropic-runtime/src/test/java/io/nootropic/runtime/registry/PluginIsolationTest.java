package io.nootropic.runtime.registry;

import io.nootropic.api.LoadProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.nootropic.runtime.registry.fixtures.DescribeThrowingPlugin;
import io.nootropic.runtime.registry.fixtures.DuplicateNamePlugin;
import io.nootropic.runtime.registry.fixtures.GoodPlugin;
import io.nootropic.runtime.registry.fixtures.HangingPlugin;
import io.nootropic.runtime.registry.fixtures.InvalidDescriptorPlugin;
import io.nootropic.runtime.registry.fixtures.LatchReleaserPlugin;
import io.nootropic.runtime.registry.fixtures.LatchWaiterPlugin;
import io.nootropic.runtime.registry.fixtures.NoDefaultConstructorPlugin;
import io.nootropic.runtime.registry.fixtures.NotDescribable;
import io.nootropic.runtime.registry.fixtures.OtherGoodPlugin;
import io.nootropic.runtime.registry.fixtures.StaticInitFailingPlugin;
import io.nootropic.runtime.registry.fixtures.ThrowingPlugin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Broken plugins are isolated and reported while every other plugin loads.
///
/// Each test builds "plugin jars" as directories holding only a
/// `META-INF/services/io.nootropic.api.Describable` file that lists fixture classes, and loads them
/// through a class loader that sees only those service files.
class PluginIsolationTest {

  private static final String SERVICE = "META-INF/services/io.nootropic.api.Describable";

  @TempDir Path tmp;

  /// A class loader whose service files come only from `dirs` (classes still come from the test
  /// class path through the parent).
  static final class IsolatedLoader extends URLClassLoader {
    IsolatedLoader(List<Path> dirs) {
      super(dirs.stream().map(IsolatedLoader::url).toArray(URL[]::new), PluginIsolationTest.class.getClassLoader());
    }

    private static URL url(Path p) {
      try {
        return p.toUri().toURL();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.equals(SERVICE) ? findResources(name) : super.getResources(name);
    }
  }

  private Path pluginDir(String name, String... lines) throws IOException {
    Path dir = tmp.resolve(name);
    Path file = dir.resolve(SERVICE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return dir;
  }

  private static CapabilityRegistry registry(Duration budget) {
    return CapabilityRegistry.create(RegistryConfig.custom().loadBudget(budget).build());
  }

  private static Map<String, LoadProblem> byProvider(List<LoadProblem> problems) {
    return problems.stream().collect(Collectors.toMap(LoadProblem::provider, p -> p, (a, b) -> a));
  }

  @Test
  void goodPluginsLoadFromServiceFiles() throws IOException {
    Path jar = pluginDir("good", "# a comment", GoodPlugin.class.getName(), "", OtherGoodPlugin.class.getName());
    try (IsolatedLoader loader = new IsolatedLoader(List.of(jar))) {
      CapabilityRegistry registry = registry(Duration.ofSeconds(2));
      LoadReport report = registry.discover(loader);

      assertThat(report.clean()).isTrue();
      assertThat(registry.names()).containsExactly("fixture.good", "fixture.other");
      Capability good = registry.get("fixture.good");
      assertThat(good.origin()).isEqualTo(CapabilityOrigin.CLASS_PATH);
      assertThat(good.provider()).isEqualTo(GoodPlugin.class.getName());
      assertThat(good.instance()).get().isInstanceOf(GoodPlugin.class);
    }
  }

  @Test
  void everyKindOfBrokenPluginIsReportedAndTheOthersStillLoad() throws IOException {
    // one "jar" with the good plugins around a run of broken entries, as a real plugin directory might hold
    Path mixed = pluginDir("mixed",
        GoodPlugin.class.getName(),
        ThrowingPlugin.class.getName(),
        "io.nootropic.runtime.registry.fixtures.DoesNotExist",
        HangingPlugin.class.getName(),
        NotDescribable.class.getName(),
        StaticInitFailingPlugin.class.getName(),
        DescribeThrowingPlugin.class.getName(),
        InvalidDescriptorPlugin.class.getName(),
        NoDefaultConstructorPlugin.class.getName(),
        DuplicateNamePlugin.class.getName(),
        OtherGoodPlugin.class.getName());
    // a second "jar" whose service file has a syntax error: ServiceLoader drops that file only
    Path malformed = pluginDir("malformed", "this is not a class name!");
    try (IsolatedLoader loader = new IsolatedLoader(List.of(mixed, malformed))) {
      CapabilityRegistry registry = registry(Duration.ofSeconds(5)); // generous: good plugins must never time out on a loaded machine
      LoadReport report = registry.discover(loader);

      // GoodPlugin and DuplicateNamePlugin both call themselves fixture.good and no property chose one
      assertThat(registry.names()).containsExactly("fixture.other");
      assertThat(report.loaded()).extracting(Capability::name).containsExactly("fixture.other");
      Map<String, LoadProblem> problems = byProvider(report.problems());
      assertThat(problems).as("problems: %s", report.problems()).containsKeys(
          ThrowingPlugin.class.getName(), "io.nootropic.runtime.registry.fixtures.DoesNotExist",
          HangingPlugin.class.getName(), NotDescribable.class.getName(), StaticInitFailingPlugin.class.getName(),
          DescribeThrowingPlugin.class.getName(), InvalidDescriptorPlugin.class.getName(),
          NoDefaultConstructorPlugin.class.getName(), DuplicateNamePlugin.class.getName());

      assertThat(problems.get(ThrowingPlugin.class.getName()))
          .satisfies(p -> assertThat(p.kind()).isEqualTo(LoadProblem.Kind.INSTANTIATION_FAILED))
          .satisfies(p -> assertThat(p.message()).contains(ThrowingPlugin.class.getName(), "boom from the constructor"));
      assertThat(problems.get("io.nootropic.runtime.registry.fixtures.DoesNotExist"))
          .satisfies(p -> assertThat(p.kind()).isEqualTo(LoadProblem.Kind.BROKEN_SERVICE_ENTRY))
          .satisfies(p -> assertThat(p.message()).contains("not found"));
      assertThat(problems.get(HangingPlugin.class.getName()))
          .satisfies(p -> assertThat(p.kind()).isEqualTo(LoadProblem.Kind.TIMED_OUT))
          .satisfies(p -> assertThat(p.message()).contains("5000 ms"));
      assertThat(problems.get(NotDescribable.class.getName()))
          .satisfies(p -> assertThat(p.kind()).isEqualTo(LoadProblem.Kind.BROKEN_SERVICE_ENTRY))
          .satisfies(p -> assertThat(p.message()).contains("not a subtype"));
      assertThat(problems.get(StaticInitFailingPlugin.class.getName()))
          .satisfies(p -> assertThat(p.kind()).isEqualTo(LoadProblem.Kind.INSTANTIATION_FAILED))
          .satisfies(p -> assertThat(p.message()).contains("ExceptionInInitializerError"));
      assertThat(problems.get(DescribeThrowingPlugin.class.getName()))
          .satisfies(p -> assertThat(p.kind()).isEqualTo(LoadProblem.Kind.INSTANTIATION_FAILED))
          .satisfies(p -> assertThat(p.message()).contains("cannot describe myself"));
      assertThat(problems.get(InvalidDescriptorPlugin.class.getName()))
          .satisfies(p -> assertThat(p.kind()).isEqualTo(LoadProblem.Kind.INVALID_DESCRIPTOR))
          .satisfies(p -> assertThat(p.message()).contains(
              InvalidDescriptorPlugin.class.getName(), "name 'Bad Name'", "version '1.0'", "unknown type 'strin'"));
      assertThat(problems.get(NoDefaultConstructorPlugin.class.getName())).isNotNull();
      for (String duplicate : List.of(GoodPlugin.class.getName(), DuplicateNamePlugin.class.getName())) {
        assertThat(problems.get(duplicate))
            .satisfies(p -> assertThat(p.kind()).isEqualTo(LoadProblem.Kind.DUPLICATE_NAME))
            .satisfies(p -> assertThat(p.message()).contains("'fixture.good'", GoodPlugin.class.getName(),
                DuplicateNamePlugin.class.getName(), "-Dnootropic.capability.fixture.good=CLASS"));
      }
      assertThat(report.problems())
          .filteredOn(p -> p.kind() == LoadProblem.Kind.BROKEN_SERVICE_ENTRY)
          .anySatisfy(p -> assertThat(p.message()).contains("Illegal", "malformed"));
      assertThat(report.problems()).hasSize(11);
      assertThat(registry.problems()).isEqualTo(report.problems());
    }
  }

  @Test
  void aSystemPropertyChoosesBetweenTwoPluginsOfOneName() throws IOException {
    Path jar = pluginDir("two", GoodPlugin.class.getName(), DuplicateNamePlugin.class.getName());
    String property = CapabilityRegistry.CHOICE_PREFIX + ".fixture.good";
    try (IsolatedLoader loader = new IsolatedLoader(List.of(jar))) {
      System.setProperty(property, DuplicateNamePlugin.class.getName());
      CapabilityRegistry registry = registry(Duration.ofSeconds(5));
      LoadReport report = registry.discover(loader);

      assertThat(report.problems()).isEmpty();
      assertThat(registry.get("fixture.good").provider()).isEqualTo(DuplicateNamePlugin.class.getName());
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void providersAreConstructedConcurrentlySoOneSlowPluginDoesNotDelayTheNext() throws IOException {
    // the waiter is listed first and blocks until the releaser (listed second) has been constructed:
    // with one-at-a-time loading the waiter would use up its budget and be reported as timed out
    Path jar = pluginDir("rendezvous", LatchWaiterPlugin.class.getName(), LatchReleaserPlugin.class.getName());
    try (IsolatedLoader loader = new IsolatedLoader(List.of(jar))) {
      CapabilityRegistry registry = registry(Duration.ofSeconds(20));
      LoadReport report = registry.discover(loader);

      assertThat(report.problems()).isEmpty();
      assertThat(report.loaded()).extracting(Capability::name).containsExactly("fixture.waiter", "fixture.releaser");
    }
  }

  @Test
  void discoveringTheSamePluginsTwiceAddsNothingAndReportsNothing() throws IOException {
    Path jar = pluginDir("good", GoodPlugin.class.getName());
    try (IsolatedLoader loader = new IsolatedLoader(List.of(jar))) {
      CapabilityRegistry registry = registry(Duration.ofSeconds(2));
      registry.discover(loader);
      LoadReport again = registry.discover(loader);

      assertThat(again.loaded()).isEmpty();
      assertThat(again.problems()).isEmpty();
      assertThat(registry.size()).isEqualTo(1);
    }
  }

  @Test
  void removingAPluginDirectoryRemovesItsCapability() throws IOException {
    Path good = pluginDir("good", GoodPlugin.class.getName());
    Path other = pluginDir("other", OtherGoodPlugin.class.getName());
    try (IsolatedLoader both = new IsolatedLoader(List.of(good, other));
        IsolatedLoader one = new IsolatedLoader(List.of(good))) {
      CapabilityRegistry withBoth = registry(Duration.ofSeconds(2));
      withBoth.discover(both);
      CapabilityRegistry withOne = registry(Duration.ofSeconds(2));
      withOne.discover(one);

      assertThat(withBoth.names()).containsExactly("fixture.good", "fixture.other");
      assertThat(withOne.names()).containsExactly("fixture.good");
    }
  }

  @Test
  void aLoaderWithoutServiceFilesGivesAnEmptyCleanReport() throws IOException {
    try (IsolatedLoader loader = new IsolatedLoader(Collections.emptyList())) {
      LoadReport report = registry(Duration.ofSeconds(2)).discover(loader);
      assertThat(report.loaded()).isEmpty();
      assertThat(report.clean()).isTrue();
    }
  }

  @Test
  void theDefaultLoadBudgetIsTwoSecondsAndCanBeOverriddenBySystemProperty() {
    String before = System.getProperty(RegistryConfig.LOAD_BUDGET_PROPERTY);
    try {
      System.clearProperty(RegistryConfig.LOAD_BUDGET_PROPERTY);
      assertThat(RegistryConfig.ofDefaults().loadBudget()).isEqualTo(Duration.ofSeconds(2));
      System.setProperty(RegistryConfig.LOAD_BUDGET_PROPERTY, "PT5S");
      assertThat(RegistryConfig.ofDefaults().loadBudget()).isEqualTo(Duration.ofSeconds(5));
      System.setProperty(RegistryConfig.LOAD_BUDGET_PROPERTY, "750");
      assertThat(RegistryConfig.ofDefaults().loadBudget()).isEqualTo(Duration.ofMillis(750));
      System.setProperty(RegistryConfig.LOAD_BUDGET_PROPERTY, "soon");
      org.assertj.core.api.Assertions.assertThatThrownBy(RegistryConfig::ofDefaults)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("soon");
    } finally {
      if (before == null) {
        System.clearProperty(RegistryConfig.LOAD_BUDGET_PROPERTY);
      } else {
        System.setProperty(RegistryConfig.LOAD_BUDGET_PROPERTY, before);
      }
    }
  }
}
