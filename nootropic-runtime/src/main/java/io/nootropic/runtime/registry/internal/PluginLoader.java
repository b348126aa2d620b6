package io.nootropic.runtime.registry.internal;

import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.Describable;
import io.nootropic.runtime.registry.CapabilityOrigin;
import io.nootropic.runtime.registry.LoadProblem;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Spliterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Runs [ServiceLoader] over [Describable] and instantiates every provider concurrently, each on
/// its own daemon thread with a time budget, so that a plugin that throws, hangs or is listed
/// wrongly is reported and skipped while every other plugin loads, and several hanging plugins
/// cost one budget of wall time rather than one each.
public final class PluginLoader {

  private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

  /// Stop after this many consecutive service-configuration errors (guards against a loader
  /// that never advances past a broken entry).
  private static final int MAX_CONSECUTIVE_ERRORS = 1000;

  private static final AtomicInteger THREADS = new AtomicInteger();

  /// A provider that loaded: its instance, its descriptor and where it came from.
  ///
  /// @param instance   the live object
  /// @param descriptor what `describe()` returned
  /// @param provider   the provider class name
  /// @param origin     module or class path
  /// @param location   module name or jar/directory file name
  public record Loaded(
      Describable instance, CapabilityDescriptor descriptor, String provider, CapabilityOrigin origin, String location) {}

  /// The outcome of one pass.
  ///
  /// @param loaded   providers that constructed and described themselves
  /// @param problems providers that did not
  public record Result(List<Loaded> loaded, List<LoadProblem> problems) {}

  private PluginLoader() {}

  /// Loads every provider visible to `loader` (named modules defined to it or its ancestors, then
  /// the class path).
  public static Result load(ClassLoader loader, Duration budget) {
    return run(ServiceLoader.load(Describable.class, loader), budget);
  }

  /// Loads every provider in the named modules of `layer` and its ancestors.
  public static Result load(ModuleLayer layer, Duration budget) {
    return run(ServiceLoader.load(layer, Describable.class), budget);
  }

  private static Result run(ServiceLoader<Describable> serviceLoader, Duration budget) {
    List<ServiceLoader.Provider<Describable>> providers = new ArrayList<>();
    List<LoadProblem> problems = new ArrayList<>();
    Spliterator<ServiceLoader.Provider<Describable>> it = serviceLoader.stream().spliterator();
    int errors = 0;
    while (true) {
      try {
        if (!it.tryAdvance(providers::add)) {
          break;
        }
        errors = 0;
      } catch (ServiceConfigurationError | LinkageError e) {
        // ServiceLoader makes a best effort to continue after an error: keep iterating.
        problems.add(new LoadProblem(providerIn(e), LoadProblem.Kind.BROKEN_SERVICE_ENTRY, messageOf(e)));
        LOG.warn("skipping a broken io.nootropic.api.Describable service entry: {}", messageOf(e));
        if (++errors >= MAX_CONSECUTIVE_ERRORS) {
          LOG.error("giving up after {} consecutive service configuration errors", errors);
          break;
        }
      }
    }
    // Start every provider at once, each on its own daemon thread with its own deadline, so a few
    // hanging plugins cost one budget of wall time, not one each; collect in discovery order.
    List<Started> started = new ArrayList<>();
    for (ServiceLoader.Provider<Describable> p : providers) {
      started.add(start(p, budget));
    }
    List<Loaded> loaded = new ArrayList<>();
    boolean interrupted = false;
    for (Started s : started) {
      String name = s.name();
      if (interrupted) {
        s.thread().interrupt();
        problems.add(new LoadProblem(name, LoadProblem.Kind.INSTANTIATION_FAILED,
            name + " was not loaded: plugin loading was interrupted"));
        continue;
      }
      try {
        long remaining = Math.max(0, s.deadline() - System.nanoTime());
        loaded.add(s.future().get(remaining, TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        s.thread().interrupt(); // best effort; the daemon thread is abandoned if it ignores interrupts
        problems.add(new LoadProblem(name, LoadProblem.Kind.TIMED_OUT,
            name + " did not construct and describe itself within the load budget of " + budget.toMillis()
                + " ms; it was abandoned (constructors must be cheap)"));
        LOG.warn("plugin {} timed out after {} ms and was skipped", name, budget.toMillis());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() instanceof ServiceConfigurationError sce && sce.getCause() != null
            ? sce.getCause() : e.getCause();
        problems.add(new LoadProblem(name, LoadProblem.Kind.INSTANTIATION_FAILED,
            name + " failed while loading: " + messageOf(cause)));
        LOG.warn("plugin {} failed while loading and was skipped", name, cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        interrupted = true;
        s.thread().interrupt();
        problems.add(new LoadProblem(name, LoadProblem.Kind.INSTANTIATION_FAILED,
            name + " was not loaded: plugin loading was interrupted"));
      }
    }
    return new Result(loaded, problems);
  }

  /// A provider being constructed on its own thread.
  private record Started(String name, Thread thread, CompletableFuture<Loaded> future, long deadline) {}

  private static Started start(ServiceLoader.Provider<Describable> p, Duration budget) {
    Class<? extends Describable> type = p.type();
    String name = type.getName();
    Module module = type.getModule();
    CapabilityOrigin origin = module.isNamed() ? CapabilityOrigin.MODULE : CapabilityOrigin.CLASS_PATH;
    String location = module.isNamed() ? module.getName() : codeLocation(type);
    CompletableFuture<Loaded> future = new CompletableFuture<>();
    Thread t = Thread.ofPlatform()
        .daemon(true)
        .name("nootropic-plugin-load-" + THREADS.incrementAndGet())
        .unstarted(() -> {
          try {
            Describable instance = p.get();
            CapabilityDescriptor d = instance.describe();
            if (d == null) {
              throw new IllegalStateException("describe() returned null");
            }
            future.complete(new Loaded(instance, d, name, origin, location));
          } catch (Throwable e) { // isolate anything the plugin throws, including errors
            future.completeExceptionally(e);
          }
        });
    long deadline = System.nanoTime() + budget.toNanos();
    t.start();
    return new Started(name, t, future, deadline);
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
  static String providerIn(Throwable e) {
    String msg = e.getMessage() == null ? "" : e.getMessage();
    String prefix = Describable.class.getName() + ": ";
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
