package io.nootropic.agents.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.api.CapabilityDescriptor;
import io.nootropic.api.CapabilityKind;
import io.nootropic.api.JsonSchema;
import io.nootropic.api.Stability;
import io.nootropic.api.tool.Tool;
import io.nootropic.api.tool.ToolDefinition;

/// What the built-in tools share: a capability name (`fs.read`), a function name models call
/// (`fs_read`: OpenAI's function names allow no dots), a JSON Schema checked before every call,
/// and JSON results.
abstract sealed class BuiltinTool implements Tool
    permits FsReadTool, FsWriteTool, FsListTool, FsEditTool, FsDeleteTool, FsMoveTool, ProcRunTool, SearchCodeTool {

  static final ObjectMapper JSON = new ObjectMapper();

  final ToolEnvironment env;
  private final String name;
  private final String summary;
  private final JsonSchema schema;
  private final ArgumentValidator validator;

  BuiltinTool(ToolEnvironment env, String name, String summary, String schema) {
    this.env = env;
    this.name = name;
    this.summary = summary;
    this.schema = JsonSchema.of(schema);
    this.validator = new ArgumentValidator(name, this.schema);
  }

  /// The capability name, e.g. `fs.read`.
  final String name() {
    return name;
  }

  @Override
  public final ToolDefinition definition() {
    return new ToolDefinition(name.replace('.', '_'), summary, schema);
  }

  @Override
  public final CapabilityDescriptor describe() {
    return CapabilityDescriptor.builder(name, CapabilityKind.TOOL)
        .version("1.0.0")
        .summary(summary)
        .inputSchema(schema.json())
        .outputSchema("{\"type\":\"object\"}")
        .tags("tool", name.substring(0, name.indexOf('.')))
        .stability(Stability.BETA)
        .build();
  }

  @Override
  public final String invoke(String argumentsJson) {
    JsonNode args = validator.parse(argumentsJson);
    return run(args).toString();
  }

  /// Runs with arguments that passed the schema.
  abstract ObjectNode run(JsonNode args);
}
