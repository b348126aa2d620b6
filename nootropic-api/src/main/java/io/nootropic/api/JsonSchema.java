package io.nootropic.api;

import java.util.Objects;

/// A JSON Schema document kept as its JSON text.
///
/// The api module has no JSON library, so the schema is carried as text; the runtime's
/// `CapabilityRegistry` parses and checks it when a capability is registered.
///
/// @param json the schema document, a JSON object
public record JsonSchema(String json) {

  /// A schema that accepts any JSON value.
  public static final JsonSchema ANY = new JsonSchema("{}");

  /// A schema for a single string.
  public static final JsonSchema STRING = new JsonSchema("{\"type\":\"string\"}");

  /// Creates a schema from its text.
  public JsonSchema {
    Objects.requireNonNull(json, "json");
    if (json.isBlank()) {
      throw new IllegalArgumentException("a JSON Schema must not be blank; use JsonSchema.ANY for any value");
    }
  }

  /// Creates a schema from its JSON text.
  public static JsonSchema of(String json) {
    return new JsonSchema(json);
  }
}
