package io.nootropic.cli.registry;

import io.nootropic.api.NootropicException;
import io.nootropic.runtime.registry.CapabilityRegistry;
import io.nootropic.runtime.registry.LoadReport;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/// Loads the plugin jars of one directory into a registry: into a new [ModuleLayer] when the CLI
/// itself runs on the module path (each jar a module, `provides` honoured), otherwise through a
/// class loader over the jars (`META-INF/services` honoured).
public final class PluginDirectory {

  private PluginDirectory() {}

  /// The `*.jar` files of `dir`, in name order.
  public static List<Path> jars(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new PluginDirectoryException("plugin directory " + dir + " does not exist or is not a directory");
    }
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
      ds.forEach(jars::add);
    } catch (IOException e) {
      throw new PluginDirectoryException("cannot read plugin directory " + dir + ": " + e.getMessage(), e);
    }
    jars.sort(null);
    return jars;
  }

  /// Adds the plugins of `dir` to `registry`.
  ///
  /// @throws PluginDirectoryException when the directory cannot be read or its modules do not resolve
  public static LoadReport load(CapabilityRegistry registry, Path dir) {
    List<Path> jars = jars(dir);
    if (jars.isEmpty()) {
      return new LoadReport(List.of(), List.of());
    }
    Module self = PluginDirectory.class.getModule();
    if (self.isNamed() && self.getLayer() != null) {
      ModuleLayer parent = self.getLayer();
      try {
        ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
        Set<String> roots = finder.findAll().stream()
            .map(ModuleReference::descriptor)
            .map(java.lang.module.ModuleDescriptor::name)
            .collect(Collectors.toSet());
        Configuration cf = parent.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
        ModuleLayer layer = parent.defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
        return registry.discover(layer);
      } catch (FindException | ResolutionException | LayerInstantiationException e) {
        throw new PluginDirectoryException("cannot load the plugin modules in " + dir + ": " + e.getMessage(), e);
      }
    }
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new PluginDirectoryException("bad plugin jar path " + jar, e);
      }
    }
    // not closed: the plugins' classes stay in use for the life of the registry
    URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), PluginDirectory.class.getClassLoader());
    return registry.discover(loader);
  }

  /// A plugin directory could not be used; the message names it and the reason.
  static final class PluginDirectoryException extends NootropicException {
    private static final long serialVersionUID = 1L;

    PluginDirectoryException(String message) {
      super(message);
    }

    PluginDirectoryException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
