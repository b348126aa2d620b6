package io.nootropic.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.File;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;

/// Finds the main classes of every Nootropic module on the test class path (jars or
/// `target/classes` directories, identified by their `module-info.class`) and imports them with
/// ArchUnit, one module at a time so each can be checked for being non-empty.
final class NootropicModules {

  /// The library modules and their root packages.
  static final Map<String, String> LIBRARIES = Map.of(
      "io.nootropic.api", "io.nootropic.api",
      "io.nootropic.runtime", "io.nootropic.runtime",
      "io.nootropic.context", "io.nootropic.context",
      "io.nootropic.inference", "io.nootropic.inference",
      "io.nootropic.agents", "io.nootropic.agents",
      "io.nootropic.openai", "io.nootropic.openai",
      "io.nootropic.langchain4j", "io.nootropic.langchain4j",
      "io.nootropic.embeddings.minilm", "io.nootropic.embeddings.minilm",
      "io.nootropic.testing", "io.nootropic.testing");

  /// The CLI and the example modules, and their root packages.
  static final Map<String, String> EXAMPLES = Map.of(
      "io.nootropic.cli", "io.nootropic.cli",
      "io.nootropic.example.hello", "io.nootropic.example.hello",
      "io.nootropic.example.host", "io.nootropic.example.host");

  private static Map<String, JavaClasses> byModule;
  private static JavaClasses all;

  private NootropicModules() {}

  /// Module name to its location on the class path.
  static synchronized Map<String, Path> locations() {
    Map<String, Path> found = new TreeMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String s = p.toString().replace('\\', '/');
      boolean ours = s.contains("/nootropic-") || s.contains("/examples/");
      if (!ours || s.contains("test-classes") || !Files.exists(p)) {
        continue;
      }
      try {
        for (ModuleReference ref : ModuleFinder.of(p).findAll()) {
          String name = ref.descriptor().name();
          if (LIBRARIES.containsKey(name) || EXAMPLES.containsKey(name)) {
            found.put(name, p);
          }
        }
      } catch (FindException e) {
        // not a module; ignore
      }
    }
    return found;
  }

  /// The classes of each module (main code only), imported from its own location.
  static synchronized Map<String, JavaClasses> byModule() {
    if (byModule == null) {
      Map<String, JavaClasses> m = new TreeMap<>();
      locations().forEach((name, path) -> m.put(name, importFrom(List.of(path))));
      byModule = m;
    }
    return byModule;
  }

  /// Imports jars and class directories (`importPaths` alone does not open jar files).
  private static JavaClasses importFrom(List<Path> paths) {
    List<Location> locations = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isRegularFile(p)) {
        try (JarFile jar = new JarFile(p.toFile())) {
          locations.add(Location.of(jar));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot open " + p, e);
        }
      } else {
        locations.add(Location.of(p));
      }
    }
    return new ClassFileImporter().importLocations(locations);
  }

  /// Every imported class of every module.
  static synchronized JavaClasses all() {
    if (all == null) {
      all = importFrom(new ArrayList<>(locations().values()));
    }
    return all;
  }
}
