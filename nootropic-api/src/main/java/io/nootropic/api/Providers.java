package io.nootropic.api;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Spliterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/// The one way Nootropic loads service providers through [ServiceLoader], and the one rule by
/// which it chooses among them.
///
/// **Loading.** Every provider is constructed and named on a daemon thread of its own, all at
/// once, each within a load budget ([#defaultBudget()]): a provider whose constructor throws,
/// hangs or is listed wrongly in `META-INF/services` becomes a [LoadProblem] and every other
/// provider still loads. Several hanging providers cost one budget of wall time, not one each.
///
/// **Choosing** (the rule of OpenTelemetry's `LazyStorage`), applied per name:
/// - no provider: the caller's default;
/// - one provider: that one;
/// - several with the same name: the one whose class the system property `PREFIX.NAME` names;
///   with no such property, none of them, and a [LoadProblem.Kind#DUPLICATE_NAME] problem that
///   names them all and the property that would choose.
///
/// ```java
/// Providers.Result<ModelProvider, String> found =
///     Providers.load(ModelProvider.class, ModelProvider::name, n -> n, "nootropic.model-provider");
/// Optional<EmbeddingModel> embedder = Providers.choose(EmbeddingModel.class, EmbeddingModel::name,
///     "nootropic.embedding");   // -Dnootropic.embedding=all-minilm-l6-v2 picks when several
/// ```
///
/// The capability registry, the task executor and the model registry of `nootropic-runtime`, and
/// the embedder lookup of `nootropic-context`, all load through this class.
///
/// @since 0.1
public final class Providers {

  /// The system property that sets the load budget per provider: an ISO-8601 duration such as
  /// `PT5S`, or milliseconds. Default 2 seconds.
  public static final String LOAD_BUDGET_PROPERTY = "nootropic.registry.loadBudget";

  /// The load budget when [#LOAD_BUDGET_PROPERTY] is not set.
  public static final Duration DEFAULT_LOAD_BUDGET = Duration.ofSeconds(2);

  private static final System.Logger LOG = System.getLogger(Providers.class.getName());

  /// Stop after this many consecutive service-configuration errors (guards against a loader that
  /// never advances past a broken entry).
  private static final int MAX_CONSECUTIVE_ERRORS = 1000;

  private static final AtomicInteger THREADS = new AtomicInteger();

  private Providers() {}

  /// One provider that loaded.
  ///
  /// @param instance    the live provider
  /// @param description what the naming call returned (a descriptor, a name)
  /// @param name        the name it is chosen by
  /// @param type        the provider class name
  /// @param module      the named module it came from, or empty when it came from the class path
  /// @param location    the module name, or the jar or directory file name on the class path
  /// @param <S>         the service type
  /// @param <D>         the description type
  public record Loaded<S, D>(S instance, D description, String name, String type, Optional<String> module,
                             String location) {

    /// Checks for nulls.
    public Loaded {
      Objects.requireNonNull(instance, "instance");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(location, "location");
    }
  }

  /// What one loading pass found.
  ///
  /// @param loaded   providers that loaded, in discovery order, one per name
  /// @param problems providers that did not load or were not chosen, in discovery order
  /// @param <S>      the service type
  /// @param <D>      the description type
  public record Result<S, D>(List<Loaded<S, D>> loaded, List<LoadProblem> problems) {

    /// Copies the lists.
    public Result {
      loaded = List.copyOf(loaded);
      problems = List.copyOf(problems);
    }

    /// The provider named `name`, if one loaded.
    public Optional<S> find(String name) {
      return loaded.stream().filter(l -> l.name().equals(name)).map(Loaded::instance).findFirst();
    }

    /// The loaded instances, in discovery order.
    public List<S> instances() {
      return loaded.stream().map(Loaded::instance).toList();
    }
  }

  /// The load budget per provider: [#LOAD_BUDGET_PROPERTY] when set, else 2 seconds.
  ///
  /// @throws IllegalArgumentException when the property is set but is not a positive duration
  public static Duration defaultBudget() {
    String prop = System.getProperty(LOAD_BUDGET_PROPERTY);
    if (prop == null || prop.isBlank()) {
      return DEFAULT_LOAD_BUDGET;
    }
    String text = prop.strip();
    Duration d;
    try {
      d = text.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          LOAD_BUDGET_PROPERTY + " must be milliseconds or an ISO-8601 duration like PT5S, was '" + text + "'", e);
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(LOAD_BUDGET_PROPERTY + " must be positive, was '" + text + "'");
    }
    return d;
  }

  /// Loads the providers of `service` visible to the thread's context class loader (or this
  /// class's loader) within [#defaultBudget()], and chooses one per name.
  ///
  /// @param describe     called once per provider on its loading thread; its result is kept
  /// @param nameOf       the name a description is chosen by
  /// @param choicePrefix system properties `choicePrefix.NAME` choose among providers of one name
  public static <S, D> Result<S, D> load(Class<S> service, Function<? super S, ? extends D> describe,
                                         Function<? super D, String> nameOf, String choicePrefix) {
    return load(service, describe, nameOf, choicePrefix, defaultLoader(), defaultBudget());
  }

  /// Loads the providers of `service` visible to `loader` (named modules defined to it or its
  /// ancestors, then its class path), and chooses one per name.
  public static <S, D> Result<S, D> load(Class<S> service, Function<? super S, ? extends D> describe,
                                         Function<? super D, String> nameOf, String choicePrefix,
                                         ClassLoader loader, Duration budget) {
    Objects.requireNonNull(loader, "loader");
    return run(service, ServiceLoader.load(service, loader), describe, nameOf, choicePrefix, budget);
  }

  /// Loads the providers of `service` in the named modules of `layer` and its parents, and
  /// chooses one per name.
  public static <S, D> Result<S, D> load(Class<S> service, Function<? super S, ? extends D> describe,
                                         Function<? super D, String> nameOf, String choicePrefix,
                                         ModuleLayer layer, Duration budget) {
    Objects.requireNonNull(layer, "layer");
    return run(service, ServiceLoader.load(layer, service), describe, nameOf, choicePrefix, budget);
  }

  /// The single provider of a service that is used one at a time (an embedder, a store): none
  /// gives empty; one gives that one; several give the one whose name the system property
  /// `property` holds, else empty and a warning naming them all. Problems are logged.
  ///
  /// @throws IllegalArgumentException when `property` names a provider that is not there
  public static <S> Optional<S> choose(Class<S> service, Function<? super S, String> nameOf, String property) {
    Result<S, String> r = load(service, nameOf::apply, n -> n, property);
    for (LoadProblem p : r.problems()) {
      if (p.kind() != LoadProblem.Kind.DUPLICATE_NAME) {
        LOG.log(System.Logger.Level.WARNING, "{0} provider not loaded: {1}", service.getSimpleName(), p.message());
      }
    }
    String wanted = System.getProperty(property);
    if (wanted != null && !wanted.isBlank()) {
      return Optional.of(r.find(wanted.strip()).orElseThrow(() -> new IllegalArgumentException(
          property + "=" + wanted.strip() + " names no " + service.getSimpleName() + " provider; found: "
              + r.loaded().stream().map(Loaded::name).toList())));
    }
    if (r.loaded().size() > 1) {
      LOG.log(System.Logger.Level.WARNING, "{0} {1} providers found ({2}) and none chosen: set -D{3}=NAME",
          r.loaded().size(), service.getSimpleName(), r.loaded().stream().map(Loaded::name).toList(), property);
      return Optional.empty();
    }
    return r.loaded().isEmpty() ? Optional.empty() : Optional.of(r.loaded().getFirst().instance());
  }

  private static <S, D> Result<S, D> run(Class<S> service, ServiceLoader<S> serviceLoader,
                                         Function<? super S, ? extends D> describe,
                                         Function<? super D, String> nameOf, String choicePrefix, Duration budget) {
    Objects.requireNonNull(describe, "describe");
    Objects.requireNonNull(nameOf, "nameOf");
    Objects.requireNonNull(choicePrefix, "choicePrefix");
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("the load budget must be positive, was " + budget);
    }
    List<ServiceLoader.Provider<S>> providers = new ArrayList<>();
    List<LoadProblem> problems = new ArrayList<>();
    Spliterator<ServiceLoader.Provider<S>> it = serviceLoader.stream().spliterator();
    int errors = 0;
    while (true) {
      try {
        if (!it.tryAdvance(providers::add)) {
          break;
        }
        errors = 0;
      } catch (ServiceConfigurationError | LinkageError e) {
        // ServiceLoader makes a best effort to continue after an error: keep iterating
        problems.add(new LoadProblem(providerIn(service, e), LoadProblem.Kind.BROKEN_SERVICE_ENTRY, messageOf(e)));
        if (++errors >= MAX_CONSECUTIVE_ERRORS) {
          break;
        }
      }
    }
    // start every provider at once, each on its own daemon thread with its own deadline
    List<Started<S, D>> started = new ArrayList<>();
    for (ServiceLoader.Provider<S> p : providers) {
      started.add(start(p, describe, nameOf, budget));
    }
    List<Loaded<S, D>> loaded = new ArrayList<>();
    boolean interrupted = false;
    for (Started<S, D> s : started) {
      String type = s.type();
      if (interrupted) {
        s.thread().interrupt();
        problems.add(new LoadProblem(type, LoadProblem.Kind.INSTANTIATION_FAILED, type + " was not loaded: loading was interrupted"));
        continue;
      }
      try {
        long remaining = Math.max(0, s.deadline() - System.nanoTime());
        loaded.add(s.future().get(remaining, TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        s.thread().interrupt(); // best effort; the daemon thread is abandoned if it ignores interrupts
        problems.add(new LoadProblem(type, LoadProblem.Kind.TIMED_OUT, type + " did not construct and describe itself"
            + " within the load budget of " + budget.toMillis() + " ms; it was abandoned (constructors must be cheap)"));
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() instanceof ServiceConfigurationError sce && sce.getCause() != null
            ? sce.getCause() : e.getCause();
        problems.add(new LoadProblem(type, LoadProblem.Kind.INSTANTIATION_FAILED, type + " failed while loading: " + messageOf(cause)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        interrupted = true;
        s.thread().interrupt();
        problems.add(new LoadProblem(type, LoadProblem.Kind.INSTANTIATION_FAILED, type + " was not loaded: loading was interrupted"));
      }
    }
    return new Result<>(chooseByName(loaded, choicePrefix, problems), problems);
  }

  /// One per name: the only one, or the one a property names; the others become problems.
  private static <S, D> List<Loaded<S, D>> chooseByName(List<Loaded<S, D>> loaded, String prefix, List<LoadProblem> problems) {
    Map<String, List<Loaded<S, D>>> byName = new LinkedHashMap<>();
    for (Loaded<S, D> l : loaded) {
      byName.computeIfAbsent(l.name(), k -> new ArrayList<>()).add(l);
    }
    List<Loaded<S, D>> chosen = new ArrayList<>();
    for (Loaded<S, D> l : loaded) {
      List<Loaded<S, D>> same = byName.get(l.name());
      if (same.size() == 1) {
        chosen.add(l);
        continue;
      }
      String property = prefix + "." + l.name();
      String wanted = System.getProperty(property);
      if (wanted != null && same.stream().anyMatch(o -> o.type().equals(wanted.strip()))) {
        if (l.type().equals(wanted.strip())) {
          chosen.add(l);
        }
        continue; // the others are not chosen, by the user's explicit choice
      }
      List<String> types = same.stream().map(Loaded::type).toList();
      problems.add(new LoadProblem(l.type(), LoadProblem.Kind.DUPLICATE_NAME, types.size() + " providers are named '"
          + l.name() + "' (" + String.join(", ", types) + ") and none was chosen, so none is used: set -D" + property
          + "=CLASS to use one" + (wanted == null ? "" : " (" + property + "=" + wanted.strip() + " names none of them)")));
    }
    return chosen;
  }

  /// A provider being constructed on its own thread.
  private record Started<S, D>(String type, Thread thread, CompletableFuture<Loaded<S, D>> future, long deadline) {}

  private static <S, D> Started<S, D> start(ServiceLoader.Provider<S> p, Function<? super S, ? extends D> describe,
                                            Function<? super D, String> nameOf, Duration budget) {
    Class<? extends S> type = p.type();
    String typeName = type.getName();
    Module module = type.getModule();
    Optional<String> moduleName = module.isNamed() ? Optional.of(module.getName()) : Optional.empty();
    String location = moduleName.orElseGet(() -> codeLocation(type));
    CompletableFuture<Loaded<S, D>> future = new CompletableFuture<>();
    Thread t = Thread.ofPlatform()
        .daemon(true)
        .name("nootropic-provider-load-" + THREADS.incrementAndGet())
        .unstarted(() -> {
          try {
            S instance = p.get();
            D description = describe.apply(instance);
            if (description == null) {
              throw new IllegalStateException("it described itself as null");
            }
            String name = nameOf.apply(description);
            if (name == null || name.isBlank()) {
              throw new IllegalStateException("it has no name");
            }
            future.complete(new Loaded<>(instance, description, name, typeName, moduleName, location));
          } catch (Throwable e) { // isolate anything the provider throws, including errors
            future.completeExceptionally(e);
          }
        });
    long deadline = System.nanoTime() + budget.toNanos();
    t.start();
    return new Started<>(typeName, t, future, deadline);
  }

  private static ClassLoader defaultLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : Providers.class.getClassLoader();
  }

  private static String codeLocation(Class<?> type) {
    try {
      CodeSource cs = type.getProtectionDomain().getCodeSource();
      URL url = cs == null ? null : cs.getLocation();
      if (url == null) {
        return "";
      }
      if ("file".equals(url.getProtocol())) {
        Path p = Path.of(url.toURI()).getFileName();
        return p == null ? "" : p.toString();
      }
      return url.toString();
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return "";
    }
  }

  /// The provider class named in a ServiceLoader error, or the service file and line.
  static String providerIn(Class<?> service, Throwable e) {
    String msg = e.getMessage() == null ? "" : e.getMessage();
    String prefix = service.getName() + ": ";
    String rest = msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
    if (rest.startsWith("Provider ")) {
      rest = rest.substring("Provider ".length());
    }
    if (rest.isBlank()) {
      return "(unknown provider)";
    }
    // "file:/x/META-INF/services/io.nootropic.api.Describable:3: Illegal configuration-file syntax"
    if (rest.startsWith("file:") || rest.startsWith("jar:")) {
      return rest.split(": ", 2)[0];
    }
    return rest.split("\\s", 2)[0];
  }

  private static String messageOf(Throwable e) {
    if (e == null) {
      return "unknown error";
    }
    StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
    if (e.getMessage() != null) {
      sb.append(": ").append(e.getMessage());
    }
    Throwable c = e.getCause();
    if (c != null && c != e) {
      sb.append(" (caused by ").append(c.getClass().getSimpleName());
      if (c.getMessage() != null) {
        sb.append(": ").append(c.getMessage());
      }
      sb.append(')');
    }
    return sb.toString();
  }
}
