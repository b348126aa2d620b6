package io.nootropic.runtime.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.JsonSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/// Checks a [CapabilityDescriptor]: name syntax, semantic version, summary, tags and that both
/// schemas are JSON that looks like JSON Schema.
public final class DescriptorValidator {

  /// Lower-case words of letters and digits separated by single dots or dashes.
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*");

  /// Semantic Versioning 2.0.0 (semver.org's grammar).
  static final Pattern SEMVER = Pattern.compile(
      "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
          + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
          + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9.+#-]*");

  /// Longest accepted name.
  public static final int MAX_NAME = 64;

  /// Longest accepted summary.
  public static final int MAX_SUMMARY = 200;

  private static final Set<String> TYPES =
      Set.of("null", "boolean", "object", "array", "number", "string", "integer");
  private static final List<String> SCHEMA_MAPS =
      List.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");
  private static final List<String> SCHEMA_ARRAYS = List.of("allOf", "anyOf", "oneOf", "prefixItems");
  private static final List<String> SCHEMA_SINGLES = List.of(
      "additionalProperties", "additionalItems", "unevaluatedProperties", "unevaluatedItems",
      "propertyNames", "contains", "not", "if", "then", "else");
  private static final List<String> NON_NEGATIVE_INTS = List.of(
      "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
      "minContains", "maxContains");

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private DescriptorValidator() {}

  /// Returns every problem of `d`, empty when it is valid.
  public static List<String> validate(CapabilityDescriptor d) {
    List<String> problems = new ArrayList<>();
    String name = d.name();
    if (name.length() > MAX_NAME) {
      problems.add("name '" + name + "' is longer than " + MAX_NAME + " characters");
    } else if (!NAME.matcher(name).matches()) {
      problems.add("name '" + name + "' must be lower-case words of letters and digits separated by '.' or '-'"
          + " (e.g. 'coder', 'model.local', 'plugin-hello.greeter')");
    }
    if (!SEMVER.matcher(d.version()).matches()) {
      problems.add("version '" + d.version() + "' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)");
    }
    String summary = d.summary();
    if (summary.isBlank()) {
      problems.add("summary is empty; give a one-line summary");
    } else if (summary.contains("\n") || summary.contains("\r")) {
      problems.add("summary must be a single line");
    } else if (summary.length() > MAX_SUMMARY) {
      problems.add("summary is longer than " + MAX_SUMMARY + " characters; move details to the description");
    }
    Set<String> seen = new HashSet<>();
    for (String tag : d.tags()) {
      if (tag == null || !TAG.matcher(tag).matches()) {
        problems.add("tag '" + tag + "' must be lower-case letters, digits and . + # - with no spaces");
      } else if (!seen.add(tag)) {
        problems.add("tag '" + tag + "' is repeated");
      }
    }
    checkSchema("inputSchema", d.inputSchema(), problems);
    checkSchema("outputSchema", d.outputSchema(), problems);
    return problems;
  }

  /// Parses a schema's text; `null` when it is not JSON.
  public static JsonNode parse(JsonSchema schema) {
    try {
      return JSON.readTree(schema.json());
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static void checkSchema(String field, JsonSchema schema, List<String> problems) {
    JsonNode node;
    try {
      node = JSON.readTree(schema.json());
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      problems.add(field + " is not valid JSON: " + (msg == null ? e.getMessage() : msg.lines().findFirst().orElse(msg))
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
      return;
    }
    checkNode(field, "#", node, problems);
  }

  /// Checks that `node` looks like a JSON Schema (draft 4 to 2020-12): an object or a boolean, with
  /// well-formed `type`, `properties`, `items`, `required`, `enum` and combinators.
  static void checkNode(String field, String path, JsonNode node, List<String> problems) {
    if (node == null || node.isMissingNode()) {
      problems.add(field + " " + path + ": missing schema");
      return;
    }
    if (node.isBoolean()) {
      return;
    }
    if (!node.isObject()) {
      problems.add(field + " " + path + ": a schema must be a JSON object or boolean, found " + describe(node));
      return;
    }
    JsonNode type = node.get("type");
    if (type != null) {
      if (type.isTextual()) {
        checkType(field, path, type.asText(), problems);
      } else if (type.isArray() && !type.isEmpty()) {
        Set<String> types = new HashSet<>();
        for (JsonNode t : type) {
          if (!t.isTextual()) {
            problems.add(field + " " + path + "/type: entries must be strings, found " + describe(t));
          } else {
            checkType(field, path, t.asText(), problems);
            if (!types.add(t.asText())) {
              problems.add(field + " " + path + "/type: '" + t.asText() + "' is repeated");
            }
          }
        }
      } else {
        problems.add(field + " " + path + "/type: must be a type name or a non-empty array of them, found " + describe(type));
      }
    }
    for (String key : SCHEMA_MAPS) {
      JsonNode map = node.get(key);
      if (map == null) {
        continue;
      }
      if (!map.isObject()) {
        problems.add(field + " " + path + "/" + key + ": must be an object of schemas, found " + describe(map));
        continue;
      }
      for (Map.Entry<String, JsonNode> e : map.properties()) {
        checkNode(field, path + "/" + key + "/" + pointerEscape(e.getKey()), e.getValue(), problems);
      }
    }
    for (String key : SCHEMA_ARRAYS) {
      JsonNode arr = node.get(key);
      if (arr == null) {
        continue;
      }
      if (!arr.isArray() || arr.isEmpty()) {
        problems.add(field + " " + path + "/" + key + ": must be a non-empty array of schemas, found " + describe(arr));
        continue;
      }
      for (int i = 0; i < arr.size(); i++) {
        checkNode(field, path + "/" + key + "/" + i, arr.get(i), problems);
      }
    }
    for (String key : SCHEMA_SINGLES) {
      JsonNode s = node.get(key);
      if (s != null) {
        checkNode(field, path + "/" + key, s, problems);
      }
    }
    JsonNode items = node.get("items");
    if (items != null) {
      if (items.isArray()) { // draft 4-2019 tuple form
        for (int i = 0; i < items.size(); i++) {
          checkNode(field, path + "/items/" + i, items.get(i), problems);
        }
      } else {
        checkNode(field, path + "/items", items, problems);
      }
    }
    JsonNode required = node.get("required");
    if (required != null && !required.isBoolean()) { // boolean 'required' is draft 3
      if (!required.isArray()) {
        problems.add(field + " " + path + "/required: must be an array of property names, found " + describe(required));
      } else {
        Set<String> names = new HashSet<>();
        for (JsonNode r : required) {
          if (!r.isTextual()) {
            problems.add(field + " " + path + "/required: entries must be strings, found " + describe(r));
          } else if (!names.add(r.asText())) {
            problems.add(field + " " + path + "/required: '" + r.asText() + "' is repeated");
          }
        }
      }
    }
    JsonNode enumNode = node.get("enum");
    if (enumNode != null && !enumNode.isArray()) {
      problems.add(field + " " + path + "/enum: must be an array, found " + describe(enumNode));
    }
    for (String key : NON_NEGATIVE_INTS) {
      JsonNode n = node.get(key);
      if (n != null && !(n.canConvertToExactIntegral() && n.asLong() >= 0)) {
        problems.add(field + " " + path + "/" + key + ": must be a non-negative integer, found " + describe(n));
      }
    }
    for (String key : List.of("title", "description", "$ref", "$schema", "$id", "pattern", "format")) {
      JsonNode n = node.get(key);
      if (n != null && !n.isTextual()) {
        problems.add(field + " " + path + "/" + key + ": must be a string, found " + describe(n));
      }
    }
  }

  private static void checkType(String field, String path, String type, List<String> problems) {
    if (!TYPES.contains(type)) {
      problems.add(field + " " + path + "/type: unknown type '" + type
          + "'; expected one of array, boolean, integer, null, number, object, string");
    }
  }

  private static String pointerEscape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String describe(JsonNode n) {
    String kind = switch (n.getNodeType()) {
      case ARRAY -> "array";
      case OBJECT, POJO -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
    String text = n.toString();
    return kind + " " + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
  }
}
