package io.nootropic.agents.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.nootropic.api.JsonSchema;
import java.util.List;

/// Parses a tool's JSON arguments and validates them against its JSON Schema (draft 2020-12) with
/// networknt's validator, before the tool runs.
public final class ArgumentValidator {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final String tool;
  private final Schema schema;

  /// A validator for `tool`'s `schema`.
  ///
  /// @throws IllegalArgumentException when the schema itself is not valid JSON
  public ArgumentValidator(String tool, JsonSchema schema) {
    this.tool = tool;
    this.schema = REGISTRY.getSchema(schema.json(), InputFormat.JSON);
  }

  /// The arguments as a tree, checked.
  ///
  /// @throws ToolArgumentException listing what is wrong
  public JsonNode parse(String argumentsJson) {
    JsonNode args;
    try {
      args = JSON.readTree(argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson);
    } catch (JsonProcessingException e) {
      throw new ToolArgumentException("the arguments of " + tool + " are not valid JSON: " + e.getOriginalMessage());
    }
    if (args == null || !args.isObject()) {
      throw new ToolArgumentException("the arguments of " + tool + " must be a JSON object");
    }
    List<Error> errors = schema.validate(args);
    if (!errors.isEmpty()) {
      StringBuilder sb = new StringBuilder("the arguments of " + tool + " break its schema:");
      for (Error e : errors.subList(0, Math.min(10, errors.size()))) {
        sb.append("\n- ").append(e.getMessage());
      }
      throw new ToolArgumentException(sb.toString());
    }
    return args;
  }
}
