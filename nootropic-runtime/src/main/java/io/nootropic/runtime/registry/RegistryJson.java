package io.nootropic.runtime.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.JsonSchema;
import io.nootropic.api.Stability;
import io.nootropic.api.LoadProblem;
import io.nootropic.runtime.registry.internal.DescriptorValidator;
import java.util.ArrayList;
import java.util.List;

/// Converts capabilities and load problems to and from the registry's JSON snapshot format.
///
/// Format version 1:
/// `{"formatVersion":1,"capabilities":[{name,kind,version,stability,summary,description,tags,
/// inputSchema,outputSchema,provider,origin,location}...],"problems":[{provider,kind,message}...]}`;
/// capabilities sorted by name, schemas embedded as JSON values.
final class RegistryJson {

  /// The format version this code writes and reads.
  public static final int FORMAT_VERSION = 1;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /// A snapshot read back: capabilities (without instances) and the problems recorded with them.
  ///
  /// @param capabilities the entries, as stored
  /// @param problems     the load problems, as stored
  public record Snapshot(List<Capability> capabilities, List<LoadProblem> problems) {}

  private RegistryJson() {}

  /// The JSON tree of one capability.
  public static ObjectNode toNode(Capability c) {
    CapabilityDescriptor d = c.descriptor();
    ObjectNode n = NODES.objectNode();
    n.put("name", d.name());
    n.put("kind", d.kind().externalName());
    n.put("version", d.version());
    n.put("stability", d.stability().externalName());
    n.put("summary", d.summary());
    n.put("description", d.description());
    ArrayNode tags = n.putArray("tags");
    d.tags().forEach(tags::add);
    n.set("inputSchema", schemaNode(d.inputSchema()));
    n.set("outputSchema", schemaNode(d.outputSchema()));
    n.put("provider", c.provider());
    n.put("origin", c.origin().externalName());
    n.put("location", c.location());
    return n;
  }

  /// The JSON tree of one load problem.
  public static ObjectNode toNode(LoadProblem p) {
    ObjectNode n = NODES.objectNode();
    n.put("provider", p.provider());
    n.put("kind", p.kind().externalName());
    n.put("message", p.message());
    return n;
  }

  /// The whole snapshot document; `capabilities` must already be in the desired order.
  public static ObjectNode toDocument(List<Capability> capabilities, List<LoadProblem> problems) {
    ObjectNode root = NODES.objectNode();
    root.put("formatVersion", FORMAT_VERSION);
    ArrayNode caps = root.putArray("capabilities");
    capabilities.forEach(c -> caps.add(toNode(c)));
    ArrayNode probs = root.putArray("problems");
    problems.forEach(p -> probs.add(toNode(p)));
    return root;
  }

  /// Pretty-prints with two-space indentation and `\n` line ends, plus a final newline.
  public static String write(JsonNode node) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /// Reads a snapshot document.
  ///
  /// @param text   the JSON text
  /// @param source the file name, for messages
  /// @throws RegistryFormatException naming the source and the problem
  public static Snapshot read(String text, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new RegistryFormatException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new RegistryFormatException(source + ": expected a JSON object at the top level");
    }
    JsonNode version = root.get("formatVersion");
    if (version == null || !version.canConvertToExactIntegral()) {
      throw new RegistryFormatException(source + ": missing or non-integer 'formatVersion'");
    }
    if (version.asInt() != FORMAT_VERSION) {
      throw new RegistryFormatException(source + ": unsupported formatVersion " + version.asText()
          + "; this version reads formatVersion " + FORMAT_VERSION);
    }
    JsonNode caps = root.get("capabilities");
    if (caps == null || !caps.isArray()) {
      throw new RegistryFormatException(source + ": 'capabilities' must be an array");
    }
    List<Capability> capabilities = new ArrayList<>();
    for (int i = 0; i < caps.size(); i++) {
      capabilities.add(readCapability(caps.get(i), source + " capabilities[" + i + "]"));
    }
    List<LoadProblem> problems = new ArrayList<>();
    JsonNode probs = root.get("problems");
    if (probs != null) {
      if (!probs.isArray()) {
        throw new RegistryFormatException(source + ": 'problems' must be an array");
      }
      for (int i = 0; i < probs.size(); i++) {
        String where = source + " problems[" + i + "]";
        JsonNode p = probs.get(i);
        try {
          problems.add(new LoadProblem(
              text(p, "provider", where), LoadProblem.Kind.forName(text(p, "kind", where)), text(p, "message", where)));
        } catch (IllegalArgumentException e) {
          throw new RegistryFormatException(where + ": " + e.getMessage(), e);
        }
      }
    }
    return new Snapshot(capabilities, problems);
  }

  private static Capability readCapability(JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw new RegistryFormatException(where + ": expected an object");
    }
    CapabilityDescriptor d;
    try {
      List<String> tags = new ArrayList<>();
      JsonNode t = n.get("tags");
      if (t != null) {
        if (!t.isArray()) {
          throw new RegistryFormatException(where + ": 'tags' must be an array of strings");
        }
        for (JsonNode tag : t) {
          if (!tag.isTextual()) {
            throw new RegistryFormatException(where + ": 'tags' must be an array of strings");
          }
          tags.add(tag.asText());
        }
      }
      d = new CapabilityDescriptor(
          text(n, "name", where),
          CapabilityKind.forName(text(n, "kind", where)),
          text(n, "version", where),
          optText(n, "summary", where),
          optText(n, "description", where),
          schema(n, "inputSchema"),
          schema(n, "outputSchema"),
          tags,
          Stability.forName(optText(n, "stability", where).isEmpty() ? "experimental" : optText(n, "stability", where)));
    } catch (IllegalArgumentException e) {
      throw new RegistryFormatException(where + ": " + e.getMessage(), e);
    }
    List<String> problems = DescriptorValidator.validate(d);
    if (!problems.isEmpty()) {
      throw new RegistryFormatException(where + " ('" + d.name() + "'): " + String.join("; ", problems));
    }
    CapabilityOrigin origin;
    try {
      origin = CapabilityOrigin.forName(text(n, "origin", where));
    } catch (IllegalArgumentException e) {
      throw new RegistryFormatException(where + ": " + e.getMessage(), e);
    }
    return new Capability(d, text(n, "provider", where), origin, optText(n, "location", where), null);
  }

  private static JsonSchema schema(JsonNode n, String field) {
    JsonNode s = n.get(field);
    return s == null || s.isNull() ? JsonSchema.ANY : JsonSchema.of(s.toString());
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new RegistryFormatException(where + ": missing or non-string '" + field + "'");
    }
    return v.asText();
  }

  private static String optText(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new RegistryFormatException(where + ": '" + field + "' must be a string");
    }
    return v.asText();
  }

  private static JsonNode schemaNode(JsonSchema schema) {
    JsonNode node = DescriptorValidator.parse(schema);
    return node == null ? NODES.textNode(schema.json()) : node;
  }
}
