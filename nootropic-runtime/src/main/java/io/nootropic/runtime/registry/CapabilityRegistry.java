package io.nootropic.runtime.registry;

import io.nootropic.api.LoadProblem;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.Describable;
import io.nootropic.api.OutputFiles;
import io.nootropic.api.Providers;
import io.nootropic.runtime.registry.internal.DescriptorValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Every capability a host can use: discovered through [java.util.ServiceLoader] on the module
/// path and the class path, or registered by the host.
///
/// Each descriptor is validated (name syntax, semantic version, one-line summary, tags, JSON
/// Schemas) and names are unique. Discovery isolates broken plugins: providers are constructed
/// concurrently, each on its own thread, and one that throws in its constructor, hangs past the
/// load budget ([RegistryConfig#loadBudget()], 2 s by default) or is listed wrongly in
/// `META-INF/services` is reported in [#problems()] while every other plugin still loads.
/// Programmatic [#register] refuses bad input with a typed exception instead.
///
/// ```java
/// CapabilityRegistry registry = CapabilityRegistry.discover();
/// registry.register(new MyAgent());
/// List<CapabilityMatch> hits = registry.query(RegistryQuery.text("plan").kind(CapabilityKind.AGENT));
/// Agent<?, ?> planner = registry.get("planner", Agent.class);
/// ```
///
/// Listings are ordered by name. The registry is thread-safe.
public final class CapabilityRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(CapabilityRegistry.class);

  /// Where [#exportJson(Path)] writes by convention, relative to the working directory.
  public static final Path DEFAULT_SNAPSHOT = Path.of(".nootropic-cache", "describe-registry.json");

  /// Properties `nootropic.capability.NAME=CLASS` choose between plugins that give one capability
  /// name (see [Providers]).
  public static final String CHOICE_PREFIX = "nootropic.capability";

  /// The snapshot format version written by [#toJson()] and read by [#readJson(Path)].
  public static final int FORMAT_VERSION = RegistryJson.FORMAT_VERSION;

  private final RegistryConfig config;
  private final TreeMap<String, Capability> byName = new TreeMap<>();
  private final List<LoadProblem> problems = new ArrayList<>();

  private CapabilityRegistry(RegistryConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /// An empty registry with the default configuration.
  public static CapabilityRegistry create() {
    return new CapabilityRegistry(RegistryConfig.ofDefaults());
  }

  /// An empty registry with the given configuration.
  public static CapabilityRegistry create(RegistryConfig config) {
    return new CapabilityRegistry(config);
  }

  /// A registry holding every capability visible to the thread's context class loader (or, when
  /// there is none, the loader of this class): named modules on the module path and
  /// `META-INF/services` entries on the class path. Problems are in [#problems()].
  public static CapabilityRegistry discover() {
    CapabilityRegistry registry = create();
    registry.discover(defaultLoader());
    return registry;
  }

  /// Adds every provider visible to `loader`: named modules defined to it or its ancestors, then
  /// its class path. Broken plugins are skipped and reported.
  ///
  /// @return what this pass added and skipped
  public LoadReport discover(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    return accept(Providers.load(Describable.class, Describable::describe, CapabilityDescriptor::name,
        CHOICE_PREFIX, loader, config.loadBudget()));
  }

  /// Adds every provider in the named modules of `layer` and its parent layers (for hosts that
  /// load plugins into their own [ModuleLayer]). Broken plugins are skipped and reported.
  ///
  /// @return what this pass added and skipped
  public LoadReport discover(ModuleLayer layer) {
    Objects.requireNonNull(layer, "layer");
    return accept(Providers.load(Describable.class, Describable::describe, CapabilityDescriptor::name,
        CHOICE_PREFIX, layer, config.loadBudget()));
  }

  private LoadReport accept(Providers.Result<Describable, CapabilityDescriptor> result) {
    List<Capability> added = new ArrayList<>();
    List<LoadProblem> skipped = new ArrayList<>(result.problems());
    synchronized (this) {
      for (Providers.Loaded<Describable, CapabilityDescriptor> l : result.loaded()) {
        List<String> invalid = DescriptorValidator.validate(l.description());
        if (!invalid.isEmpty()) {
          skipped.add(new LoadProblem(l.type(), LoadProblem.Kind.INVALID_DESCRIPTOR,
              new InvalidCapabilityException(l.type(), invalid).getMessage()));
          continue;
        }
        Capability existing = byName.get(l.name());
        if (existing != null) {
          if (existing.provider().equals(l.type()) && existing.descriptor().equals(l.description())) {
            continue; // the same provider seen again (e.g. discover() called twice): nothing to do
          }
          skipped.add(new LoadProblem(l.type(), LoadProblem.Kind.DUPLICATE_NAME,
              new DuplicateCapabilityException(l.name(), existing.provider(), l.type()).getMessage()));
          continue;
        }
        CapabilityOrigin origin = l.module().isPresent() ? CapabilityOrigin.MODULE : CapabilityOrigin.CLASS_PATH;
        Capability c = new Capability(l.description(), l.type(), origin, l.location(), l.instance());
        byName.put(c.name(), c);
        added.add(c);
      }
      problems.addAll(skipped);
    }
    for (LoadProblem p : skipped) {
      LOG.warn("capability not loaded: {}", p.message());
    }
    return new LoadReport(added, skipped);
  }

  /// Registers the host's own capability.
  ///
  /// @return the registered entry
  /// @throws InvalidCapabilityException when `describe()` throws or returns an invalid descriptor
  /// @throws DuplicateCapabilityException when the name is taken
  public Capability register(Describable capability) {
    Objects.requireNonNull(capability, "capability");
    String provider = capability.getClass().getName();
    CapabilityDescriptor d;
    try {
      d = capability.describe();
    } catch (RuntimeException e) {
      throw new InvalidCapabilityException(provider, List.of("describe() threw " + e));
    }
    if (d == null) {
      throw new InvalidCapabilityException(provider, List.of("describe() returned null"));
    }
    List<String> invalid = DescriptorValidator.validate(d);
    if (!invalid.isEmpty()) {
      throw new InvalidCapabilityException(provider, invalid);
    }
    Module module = capability.getClass().getModule();
    Capability c = new Capability(d, provider, CapabilityOrigin.HOST, module.isNamed() ? module.getName() : "", capability);
    synchronized (this) {
      Capability existing = byName.get(d.name());
      if (existing != null) {
        throw new DuplicateCapabilityException(d.name(), existing.provider(), provider);
      }
      byName.put(d.name(), c);
    }
    return c;
  }

  /// The capability named `name`, if any.
  public synchronized Optional<Capability> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /// The capability named `name`.
  ///
  /// @throws CapabilityNotFoundException naming close matches when there is none
  public Capability get(String name) {
    Optional<Capability> c = find(name);
    if (c.isEmpty()) {
      throw new CapabilityNotFoundException(name, Ranking.suggestions(name, names()));
    }
    return c.get();
  }

  /// The live instance of capability `name` as `type`, e.g. `registry.get("planner", Agent.class)`.
  ///
  /// @throws CapabilityNotFoundException when there is no such capability
  /// @throws CapabilityTypeException when it is not a `type` or has no instance (snapshot)
  public <T> T get(String name, Class<T> type) {
    return get(name).as(type);
  }

  /// Every capability, ordered by name.
  public synchronized List<Capability> list() {
    return List.copyOf(byName.values());
  }

  /// Every capability name, in order.
  public synchronized List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /// How many capabilities are registered.
  public synchronized int size() {
    return byName.size();
  }

  /// Searches by keywords, tags and kind; best match first, ties by name.
  public List<CapabilityMatch> query(RegistryQuery query) {
    Objects.requireNonNull(query, "query");
    return Ranking.rank(list(), query);
  }

  /// Every plugin skipped so far, in discovery order.
  public synchronized List<LoadProblem> problems() {
    return List.copyOf(problems);
  }

  /// This registry's configuration.
  public RegistryConfig config() {
    return config;
  }

  /// The snapshot as JSON: `formatVersion`, `capabilities` ordered by name and `problems`.
  /// The same registry always gives the same text.
  public String toJson() {
    return toJson(list());
  }

  /// The snapshot format for a selection (e.g. query results): `formatVersion`, the given
  /// capabilities ordered by name, and all of this registry's `problems`.
  public String toJson(Collection<Capability> selection) {
    List<Capability> caps = selection.stream().sorted(Comparator.comparing(Capability::name)).toList();
    return RegistryJson.write(RegistryJson.toDocument(caps, problems()));
  }

  /// Writes [#toJson()] to `file`, conventionally [#DEFAULT_SNAPSHOT], as [OutputFiles] writes:
  /// a regular file is replaced atomically and keeps its permissions (a new one gets the umask's),
  /// a symbolic link is written through, a device or pipe (`/dev/stdout`) is written in place.
  ///
  /// @return `file`
  /// @throws IOException when the file cannot be written; an existing file is left intact
  public Path exportJson(Path file) throws IOException {
    OutputFiles.writeString(file, toJson());
    return file;
  }

  /// Reads a snapshot written by [#exportJson(Path)] into a new registry. Its capabilities have
  /// no live instance; their origin and problems are as recorded.
  ///
  /// @throws RegistryFormatException when the file is not a valid snapshot
  /// @throws IOException when it cannot be read
  public static CapabilityRegistry readJson(Path file) throws IOException {
    return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /// Reads a snapshot from its text; `source` names it in error messages.
  ///
  /// @throws RegistryFormatException when the text is not a valid snapshot
  public static CapabilityRegistry fromJson(String json, String source) {
    RegistryJson.Snapshot s = RegistryJson.read(json, source);
    CapabilityRegistry r = create();
    for (Capability c : s.capabilities()) {
      if (r.byName.putIfAbsent(c.name(), c) != null) {
        throw new RegistryFormatException(source + ": capability '" + c.name() + "' appears twice");
      }
    }
    r.problems.addAll(s.problems());
    return r;
  }

  private static ClassLoader defaultLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : CapabilityRegistry.class.getClassLoader();
  }

  @Override
  public synchronized String toString() {
    return "CapabilityRegistry" + byName.keySet() + (problems.isEmpty() ? "" : " (" + problems.size() + " problems)");
  }
}
