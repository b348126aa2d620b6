package io.nootropic.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The one loading mechanism and its choosing rule: zero providers give the default, one gives
/// that one, several of one name with no choice give none and a problem naming them all, a
/// property picks by name. Providers are listed in service files of a class loader built per test.
class ProvidersTest {

  /// The service of these tests.
  public interface Greeter {
    String name();
  }

  /// A provider named `english`.
  public static final class English implements Greeter {
    @Override
    public String name() {
      return "english";
    }
  }

  /// A second provider named `english`.
  public static final class OtherEnglish implements Greeter {
    @Override
    public String name() {
      return "english";
    }
  }

  /// A provider named `french`.
  public static final class French implements Greeter {
    @Override
    public String name() {
      return "french";
    }
  }

  /// A provider whose constructor throws.
  public static final class Broken implements Greeter {
    /// Throws.
    public Broken() {
      throw new IllegalStateException("broken on purpose");
    }

    @Override
    public String name() {
      return "broken";
    }
  }

  /// A provider that never finishes naming itself.
  public static final class Hanging implements Greeter {
    @Override
    public String name() {
      while (true) {
        Thread.onSpinWait();
        if (Thread.currentThread().isInterrupted()) {
          return "never";
        }
      }
    }
  }

  private static final String PREFIX = "nootropic.test-greeter";

  @TempDir Path tmp;

  @AfterEach
  void clearProperties() {
    System.clearProperty(PREFIX + ".english");
    System.clearProperty(PREFIX);
  }

  private URLClassLoader loader(Class<?>... providers) throws IOException {
    Path file = tmp.resolve("META-INF/services/" + Greeter.class.getName());
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", java.util.Arrays.stream(providers).map(Class::getName).toList()) + "\n");
    String service = "META-INF/services/" + Greeter.class.getName();
    return new URLClassLoader(new URL[] {tmp.toUri().toURL()}, ProvidersTest.class.getClassLoader()) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return name.equals(service) ? findResources(name) : super.getResources(name);
      }
    };
  }

  private Providers.Result<Greeter, String> load(Class<?>... providers) throws IOException {
    try (URLClassLoader l = loader(providers)) {
      return Providers.load(Greeter.class, Greeter::name, n -> n, PREFIX, l, Duration.ofSeconds(5));
    }
  }

  @Test
  void noProviderGivesAnEmptyCleanResult() throws IOException {
    Providers.Result<Greeter, String> r = load();
    assertThat(r.loaded()).isEmpty();
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void oneProviderPerNameIsUsedWithItsOrigin() throws IOException {
    Providers.Result<Greeter, String> r = load(English.class, French.class);
    assertThat(r.loaded()).extracting(Providers.Loaded::name).containsExactly("english", "french");
    assertThat(r.find("french")).get().isInstanceOf(French.class);
    assertThat(r.loaded().getFirst().type()).isEqualTo(English.class.getName());
    assertThat(r.loaded().getFirst().module()).isEmpty(); // class path
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void severalOfOneNameWithNoChoiceGiveNoneAndAProblemNamingThemAll() throws IOException {
    Providers.Result<Greeter, String> r = load(English.class, French.class, OtherEnglish.class);
    assertThat(r.loaded()).extracting(Providers.Loaded::name).containsExactly("french");
    assertThat(r.problems()).hasSize(2).allSatisfy(p -> {
      assertThat(p.kind()).isEqualTo(LoadProblem.Kind.DUPLICATE_NAME);
      assertThat(p.message()).contains(English.class.getName(), OtherEnglish.class.getName(),
          "-D" + PREFIX + ".english=CLASS");
    });
  }

  @Test
  void aPropertyPicksOneOfSeveralByClassName() throws IOException {
    System.setProperty(PREFIX + ".english", OtherEnglish.class.getName());
    Providers.Result<Greeter, String> r = load(English.class, OtherEnglish.class);
    assertThat(r.problems()).isEmpty();
    assertThat(r.find("english")).get().isInstanceOf(OtherEnglish.class);
  }

  @Test
  void aPropertyNamingNoneOfThemIsSaidInTheProblem() throws IOException {
    System.setProperty(PREFIX + ".english", "com.example.Nope");
    Providers.Result<Greeter, String> r = load(English.class, OtherEnglish.class);
    assertThat(r.loaded()).isEmpty();
    assertThat(r.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.message()).contains("com.example.Nope"));
  }

  @Test
  void brokenHangingAndMissingProvidersAreReportedWhileTheOthersLoad() throws IOException {
    Providers.Result<Greeter, String> r;
    try (URLClassLoader l = loader(Broken.class, English.class, Hanging.class)) {
      Files.writeString(tmp.resolve("META-INF/services/" + Greeter.class.getName()),
          "com.example.Missing\n", java.nio.file.StandardOpenOption.APPEND);
      r = Providers.load(Greeter.class, Greeter::name, n -> n, PREFIX, l, Duration.ofMillis(500));
    }
    assertThat(r.loaded()).extracting(Providers.Loaded::name).containsExactly("english");
    assertThat(r.problems()).extracting(LoadProblem::kind).containsExactlyInAnyOrder(
        LoadProblem.Kind.INSTANTIATION_FAILED, LoadProblem.Kind.TIMED_OUT, LoadProblem.Kind.BROKEN_SERVICE_ENTRY);
    assertThat(r.problems()).anySatisfy(p -> assertThat(p.message()).contains("broken on purpose"));
  }

  @Test
  void chooseGivesTheOnlyOneNoneOrThePropertysPick() throws IOException {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader one = loader(French.class)) {
      Thread.currentThread().setContextClassLoader(one);
      assertThat(Providers.choose(Greeter.class, Greeter::name, PREFIX)).get().isInstanceOf(French.class);
    } finally {
      Thread.currentThread().setContextClassLoader(before);
    }
    try (URLClassLoader two = loader(French.class, English.class)) {
      Thread.currentThread().setContextClassLoader(two);
      assertThat(Providers.choose(Greeter.class, Greeter::name, PREFIX)).isEqualTo(Optional.empty());
      System.setProperty(PREFIX, "english");
      assertThat(Providers.choose(Greeter.class, Greeter::name, PREFIX)).get().isInstanceOf(English.class);
      System.setProperty(PREFIX, "german");
      assertThatThrownBy(() -> Providers.choose(Greeter.class, Greeter::name, PREFIX))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("german").hasMessageContaining("french");
    } finally {
      Thread.currentThread().setContextClassLoader(before);
    }
  }

  @Test
  void theBudgetComesFromTheSystemPropertyAndBadValuesAreNamed() {
    String before = System.getProperty(Providers.LOAD_BUDGET_PROPERTY);
    try {
      System.clearProperty(Providers.LOAD_BUDGET_PROPERTY);
      assertThat(Providers.defaultBudget()).isEqualTo(Duration.ofSeconds(2));
      System.setProperty(Providers.LOAD_BUDGET_PROPERTY, "PT5S");
      assertThat(Providers.defaultBudget()).isEqualTo(Duration.ofSeconds(5));
      System.setProperty(Providers.LOAD_BUDGET_PROPERTY, "0");
      assertThatThrownBy(Providers::defaultBudget).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    } finally {
      if (before == null) {
        System.clearProperty(Providers.LOAD_BUDGET_PROPERTY);
      } else {
        System.setProperty(Providers.LOAD_BUDGET_PROPERTY, before);
      }
    }
  }
}
