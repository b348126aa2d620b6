package io.nootropic.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.Describable;
import io.nootropic.api.JsonSchema;
import io.nootropic.api.agent.Agent;
import io.nootropic.api.memory.MemoryProvider;
import io.nootropic.api.model.ModelProvider;
import io.nootropic.api.retrieval.EmbeddingModel;
import io.nootropic.api.retrieval.RetrieverProvider;
import io.nootropic.api.tool.Tool;
import io.nootropic.runtime.registry.internal.DescriptorValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/// Renders Markdown documentation from the registry: one page per capability
/// (`<name>.md`) and an index (`README.md`).
///
/// The output depends only on the descriptors and provider class names, never on paths, times or
/// discovery order, so regenerating unchanged capabilities gives identical files and a check for
/// stale docs is a plain comparison ([#staleFiles]).
public final class CapabilityDocs {

  /// The first line of every generated file; [#write] only deletes files that start with it.
  public static final String MARKER =
      "<!-- Generated from the capability registry by `./nootropic docs`. Do not edit by hand. -->";

  /// The index file's name.
  public static final String INDEX = "README.md";

  private static final List<Class<?>> CONTRACTS = List.of(
      Agent.class, ModelProvider.class, Tool.class, RetrieverProvider.class, MemoryProvider.class,
      EmbeddingModel.class);

  private CapabilityDocs() {}

  /// Every file to generate, by file name, in name order.
  public static SortedMap<String, String> render(Collection<Capability> capabilities) {
    List<Capability> sorted = capabilities.stream()
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .toList();
    SortedMap<String, String> files = new TreeMap<>();
    files.put(INDEX, index(sorted));
    for (Capability c : sorted) {
      files.put(c.name() + ".md", page(c));
    }
    return files;
  }

  /// The index page: capabilities grouped by kind, each with a link and its summary.
  public static String index(List<Capability> capabilities) {
    StringBuilder sb = new StringBuilder();
    sb.append(MARKER).append("\n\n# Capabilities\n\n");
    sb.append("Every capability the registry discovered: ").append(capabilities.size())
        .append(" in all. Regenerate this directory with `./nootropic docs`; see one capability with ")
        .append("`./nootropic describe NAME`.\n");
    for (CapabilityKind kind : CapabilityKind.values()) {
      List<Capability> ofKind = capabilities.stream()
          .filter(c -> c.descriptor().kind() == kind)
          .sorted((a, b) -> a.name().compareTo(b.name()))
          .toList();
      if (ofKind.isEmpty()) {
        continue;
      }
      sb.append("\n## ").append(heading(kind)).append("\n\n");
      sb.append("| Name | Version | Stability | Summary |\n| --- | --- | --- | --- |\n");
      for (Capability c : ofKind) {
        CapabilityDescriptor d = c.descriptor();
        sb.append("| [`").append(d.name()).append("`](").append(d.name()).append(".md) | ")
            .append(cell(d.version())).append(" | ").append(d.stability().externalName()).append(" | ")
            .append(cell(d.summary())).append(" |\n");
      }
    }
    return sb.toString();
  }

  /// One capability's page: summary, facts, description, schemas and how to use it.
  public static String page(Capability c) {
    CapabilityDescriptor d = c.descriptor();
    StringBuilder sb = new StringBuilder();
    sb.append(MARKER).append("\n\n# `").append(d.name()).append("`\n\n");
    sb.append(d.summary()).append("\n\n");
    sb.append("| | |\n| --- | --- |\n");
    sb.append("| Kind | ").append(d.kind().externalName()).append(" |\n");
    sb.append("| Version | ").append(cell(d.version())).append(" |\n");
    sb.append("| Stability | ").append(d.stability().externalName()).append(" |\n");
    sb.append("| Tags | ").append(d.tags().isEmpty() ? "none" : String.join(", ", d.tags().stream().map(t -> "`" + t + "`").toList())).append(" |\n");
    sb.append("| Provider | `").append(c.provider()).append("` |\n");
    if (!d.description().isBlank()) {
      sb.append("\n## Description\n\n").append(d.description().strip()).append("\n");
    }
    sb.append("\n## Input\n\n").append(schemaBlock(d.inputSchema()));
    sb.append("\n## Output\n\n").append(schemaBlock(d.outputSchema()));
    Class<?> contract = contract(c);
    sb.append("\n## Use it\n\n```java\n")
        .append("CapabilityRegistry registry = CapabilityRegistry.discover();\n")
        .append(contract.getSimpleName()).append(contract.getTypeParameters().length > 0 ? "<?, ?>" : "")
        .append(" capability = registry.get(\"").append(d.name()).append("\", ")
        .append(contract.getSimpleName()).append(".class);  // ").append(contract.getName()).append("\n```\n\n")
        .append("From the command line: `./nootropic describe ").append(d.name()).append("`.\n");
    return sb.toString();
  }

  /// Writes every page and the index to `dir` (created if needed) and deletes generated pages of
  /// capabilities that no longer exist. Files without the [#MARKER] are left alone.
  ///
  /// @return the names of the files written
  /// @throws IOException when the directory cannot be written
  public static List<String> write(Collection<Capability> capabilities, Path dir) throws IOException {
    SortedMap<String, String> files = render(capabilities);
    Files.createDirectories(dir);
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    for (String old : generatedFiles(dir)) {
      if (!files.containsKey(old)) {
        Files.delete(dir.resolve(old));
      }
    }
    return List.copyOf(files.keySet());
  }

  /// The files in `dir` that differ from what [#render] produces: missing, changed, or generated
  /// but no longer wanted. Empty when the docs are up to date.
  ///
  /// @throws IOException when the directory cannot be read
  public static List<String> staleFiles(Collection<Capability> capabilities, Path dir) throws IOException {
    SortedMap<String, String> files = render(capabilities);
    TreeSet<String> stale = new TreeSet<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      if (!Files.isRegularFile(p) || !Files.readString(p, StandardCharsets.UTF_8).equals(f.getValue())) {
        stale.add(f.getKey());
      }
    }
    for (String old : generatedFiles(dir)) {
      if (!files.containsKey(old)) {
        stale.add(old);
      }
    }
    return List.copyOf(stale);
  }

  private static List<String> generatedFiles(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.md")) {
      for (Path p : ds) {
        String first;
        try (var lines = Files.lines(p, StandardCharsets.UTF_8)) {
          first = lines.findFirst().orElse("");
        }
        if (first.equals(MARKER)) {
          out.add(p.getFileName().toString());
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static Class<?> contract(Capability c) {
    Optional<Describable> instance = c.instance();
    if (instance.isPresent()) {
      for (Class<?> k : CONTRACTS) {
        if (k.isInstance(instance.get())) {
          return k;
        }
      }
      return Describable.class;
    }
    return switch (c.descriptor().kind()) {
      case AGENT -> Agent.class;
      case MODEL_PROVIDER -> ModelProvider.class;
      case TOOL -> Tool.class;
      default -> Describable.class;
    };
  }

  private static String schemaBlock(JsonSchema schema) {
    JsonNode node = DescriptorValidator.parse(schema);
    if (node == null) {
      return "```json\n" + schema.json().strip() + "\n```\n";
    }
    if (node.isObject() && node.isEmpty()) {
      return "Any JSON value.\n";
    }
    return "```json\n" + RegistryJson.write(node) + "```\n";
  }

  private static String heading(CapabilityKind kind) {
    return switch (kind) {
      case AGENT -> "Agents";
      case ADAPTER -> "Adapters";
      case UTILITY -> "Utilities";
      case MODEL_PROVIDER -> "Model providers";
      case TOOL -> "Tools";
    };
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
